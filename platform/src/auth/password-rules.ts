import type { Problem } from '@lattice/runtime';
import type { AuthConfig } from '../config/auth-config.js';

type Rules = Pick<AuthConfig, 'passwordMinLength' | 'passwordLetterAndDigit' | 'passwordNotLogin'>;

/** Every rule a new password breaks, each with its own code and message (empty: the password is acceptable). */
export function checkPasswordRules(password: string, login: string, rules: Rules): Problem[] {
  const problems: Problem[] = [];
  const broken = (code: string, message: string, hint: string) => problems.push({ code, path: 'password', message, hint });
  if ([...password].length < rules.passwordMinLength) {
    broken('password.too-short', `The password must be at least ${rules.passwordMinLength} characters long`, 'A short sentence is long enough and easy to remember');
  }
  if (rules.passwordLetterAndDigit && !(/\p{L}/u.test(password) && /\p{Nd}/u.test(password))) {
    broken('password.letter-and-digit', 'The password must contain at least one letter and one digit', 'Add a digit or a letter');
  }
  if (rules.passwordNotLogin && login.length > 0 && password.toLowerCase().includes(login.toLowerCase())) {
    broken('password.contains-login', 'The password must not contain the login', 'Choose a password unrelated to your login');
  }
  return problems;
}
