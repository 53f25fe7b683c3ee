/**
 * Check characters of Chinese identity numbers, so seed data passes the same
 * checks a real counter system applies.
 *
 * - Resident ID number (GB 11643-1999): 6-digit region code, 8-digit birth
 *   date, 3-digit sequence (odd for men, even for women), check character by
 *   ISO 7064 MOD 11-2.
 * - Unified social credit code (GB 32100-2015): registering authority and
 *   kind (91 company, 92 individual business, 12 public institution), region
 *   code, 9-character organisation code (GB 11714, with its own MOD 11 check),
 *   check character by weights 3^i mod 31 over a 31-character alphabet.
 * - ICCID: Luhn check digit (ISO/IEC 7812).
 */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = '10X98765432';

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_WEIGHTS[i] ?? 0);
  return RESIDENT_CHECK.charAt(sum % 11);
}

/** `regionCode` 6 digits, `birthDate` YYYYMMDD, `sequence` 0..999. */
export function residentIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate}${String(sequence).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

export function isValidResidentIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && residentIdCheckChar(value.slice(0, 17)) === value.charAt(17);
}

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function organisationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += USCC_ALPHABET.indexOf(body8.charAt(i)) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * (USCC_WEIGHTS[i] ?? 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** `kind` two characters such as `91`; `regionCode` 6 digits; `organisationBody` 8 digits. */
export function unifiedSocialCreditCode(kind: string, regionCode: string, organisationBody: string): string {
  const first17 = `${kind}${regionCode}${organisationBody}${organisationCodeCheckChar(organisationBody)}`;
  return first17 + usccCheckChar(first17);
}

export function isValidUnifiedSocialCreditCode(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) return false;
  return organisationCodeCheckChar(value.slice(8, 16)) === value.charAt(16) && usccCheckChar(value.slice(0, 17)) === value.charAt(17);
}

export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits.charAt(digits.length - 1 - i));
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}
