import { describe, expect, it } from 'vitest';
import { checkPasswordRules } from './password-rules.js';

const RULES = { passwordMinLength: 10, passwordLetterAndDigit: true, passwordNotLogin: true };
const codes = (password: string, login = 'li.na', rules = RULES) => checkPasswordRules(password, login, rules).map((p) => p.code);

describe('password rules', () => {
  it('accepts a long password with a letter and a digit that does not contain the login', () => {
    expect(codes('Mianyang-desk-3')).toEqual([]);
    expect(codes('成都市高新区营业厅7号')).toEqual([]);
  });

  it('names every rule broken, each with its own code, path and message', () => {
    expect(checkPasswordRules('li.na', 'li.na', RULES)).toEqual([
      { code: 'password.too-short', path: 'password', message: 'The password must be at least 10 characters long', hint: expect.any(String) },
      { code: 'password.letter-and-digit', path: 'password', message: 'The password must contain at least one letter and one digit', hint: expect.any(String) },
      { code: 'password.contains-login', path: 'password', message: 'The password must not contain the login', hint: expect.any(String) },
    ]);
    expect(codes('1234567890')).toEqual(['password.letter-and-digit']);
    expect(codes('my-LI.NA-pass-1')).toEqual(['password.contains-login']);
  });

  it('counts characters, not UTF-16 units, and follows the configuration', () => {
    expect(codes('😀😀😀😀😀a1')).toEqual(['password.too-short']);
    expect(codes('short', 'li.na', { passwordMinLength: 4, passwordLetterAndDigit: false, passwordNotLogin: false })).toEqual([]);
  });
});
