import { describe, expect, it } from 'vitest';
import { emailFieldType } from './email.field-type.js';
import { read } from './testing/read-value.js';
import { phoneFieldType } from './phone.field-type.js';

describe('email', () => {
  it('lower-cases the domain only', () => {
    expect(read(emailFieldType, 'Zhang.San@Example.COM')).toEqual({ ok: true, value: 'Zhang.San@example.com' });
    expect(read(emailFieldType, 'li+crm@mail.gd.chinamobile.com')).toEqual({ ok: true, value: 'li+crm@mail.gd.chinamobile.com' });
  });

  it('refuses the usual mistakes, naming them', () => {
    expect(read(emailFieldType, 'zhang san@example.com')).toMatchObject({ ok: false, message: '"zhang san@example.com" contains a space; an email address has none' });
    expect(read(emailFieldType, ' zhang@example.com')).toMatchObject({ ok: false, hint: 'remove the spaces around the address' });
    expect(read(emailFieldType, 'zhang.example.com')).toMatchObject({ ok: false, message: '"zhang.example.com" has no @' });
    expect(read(emailFieldType, 'a@b@example.com')).toMatchObject({ ok: false, message: '"a@b@example.com" has more than one @' });
    expect(read(emailFieldType, 'zhang@localhost')).toMatchObject({ ok: false, message: '"zhang@localhost" has no dot in its domain "localhost"' });
    expect(read(emailFieldType, '@example.com')).toMatchObject({ ok: false, message: '"@example.com" has nothing before the @' });
    expect(read(emailFieldType, 'zhang..san@example.com')).toMatchObject({ ok: false, message: expect.stringContaining('not allowed before the @') });
    expect(read(emailFieldType, 'zhang@example..com')).toMatchObject({ ok: false, message: expect.stringContaining('invalid domain') });
    expect(read(emailFieldType, 'zhang@example.c')).toMatchObject({ ok: false, message: expect.stringContaining('invalid domain') });
  });
});

describe('phone', () => {
  it('stores digits with an optional leading +, formatting removed', () => {
    expect(read(phoneFieldType, '+86 138-0013-8000')).toEqual({ ok: true, value: '+8613800138000' });
    expect(read(phoneFieldType, '(020) 8888 6666')).toEqual({ ok: true, value: '02088886666' });
    // Full-width digits and brackets from a Chinese input method.
    expect(read(phoneFieldType, '（０２０）８８８８６６６６')).toEqual({ ok: true, value: '02088886666' });
  });

  it('refuses letters and numbers sent as numbers, naming the culprit', () => {
    expect(read(phoneFieldType, '138-0013-800x')).toMatchObject({ ok: false, message: '"138-0013-800x" contains "x"' });
    expect(read(phoneFieldType, '1+3800138000')).toMatchObject({ ok: false, message: '"1+3800138000" contains "+"' });
    expect(read(phoneFieldType, 13800138000)).toMatchObject({ ok: false, hint: expect.stringContaining('leading + or 0') });
  });

  it('needs 5 to 20 digits unless a pattern says otherwise', () => {
    expect(read(phoneFieldType, '1234')).toMatchObject({ ok: false, message: '"1234" has 4 digits; a phone number has 5 to 20' });
    expect(read(phoneFieldType, '10086')).toEqual({ ok: true, value: '10086' });
    const mobile = { pattern: '^1[3-9]\\d{9}$' };
    expect(read(phoneFieldType, '138 0013 8000', mobile)).toEqual({ ok: true, value: '13800138000' });
    expect(read(phoneFieldType, '12800138000', mobile)).toMatchObject({ ok: false, message: '"12800138000" does not match the pattern ^1[3-9]\\d{9}$' });
    expect(phoneFieldType.checkSettings?.(phoneFieldType.settings.parse({ pattern: '(' }), { path: 'p' })).toEqual([
      expect.objectContaining({ code: 'field.invalid-pattern', path: 'p.pattern' }),
    ]);
  });
});
