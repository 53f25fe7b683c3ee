import { luhn } from 'cdigit';

/** ITU-T E.118: an ICCID starts with 89 (telecommunications), then the country code, the issuer and the card, and ends with a Luhn check digit. */
const ICCID = /^89\d{17,18}$/;

export type IccidReading = { ok: true; iccid: string } | { ok: false; message: string; hint?: string };

/** The canonical ICCID (digits only; NFKC first, so full-width digits typed with a Chinese input method count) or why it is not one. */
export function readIccid(input: string): IccidReading {
  const digits = input.normalize('NFKC').replace(/[\s-]/gu, '');
  if (!/^\d+$/.test(digits)) return { ok: false, message: `${JSON.stringify(input)} is not an ICCID: it may hold only digits, spaces and dashes` };
  if (!ICCID.test(digits)) {
    return { ok: false, message: `${JSON.stringify(input)} is not an ICCID: it has ${digits.length} digits${digits.startsWith('89') ? '' : ' and does not start with 89'}`, hint: 'an ICCID is the 19 or 20 digits printed on the SIM card, starting with 89' };
  }
  if (!luhn.validate(digits)) {
    const expected = luhn.compute(digits.slice(0, -1));
    return { ok: false, message: `${JSON.stringify(input)} is not an ICCID: its check digit is ${digits.slice(-1)}, the Luhn check digit of the others is ${expected}`, hint: 'a digit was probably mistyped: compare with the number printed on the SIM card' };
  }
  return { ok: true, iccid: digits };
}
