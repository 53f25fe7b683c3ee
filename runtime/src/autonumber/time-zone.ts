/** Whether the running JavaScript engine knows the IANA zone (the same check Intl uses when formatting). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
