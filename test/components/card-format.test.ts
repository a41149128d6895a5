import { expect } from '@open-wc/testing';
import {
  abaValid,
  cardNumberProblem,
  cvcLength,
  detectBrand,
  expiryProblem,
  formatCardNumber,
  formatExpiry,
  formatMoneyInput,
  luhnValid,
  parseExpiry,
  parseMoney,
} from '../../components/index.ts';
import { caretAfterDigits } from '../../components/pay/card-format.ts';
import { allocateOldestFirst } from '../../components/pay/money.ts';
import { routingProblem } from '../../components/pay/bank-format.ts';
import { describe, it } from './mocha.ts';

describe('card formatting', () => {
  it('detects the brand from the leading digits', () => {
    expect(detectBrand('4242')).to.equal('visa');
    expect(detectBrand('5555 5555')).to.equal('mastercard');
    expect(detectBrand('2223003122003222')).to.equal('mastercard');
    expect(detectBrand('3782')).to.equal('amex');
    expect(detectBrand('6011')).to.equal('discover');
    expect(detectBrand('3056')).to.equal('diners');
    expect(detectBrand('3566')).to.equal('jcb');
    expect(detectBrand('6200')).to.equal('unionpay');
    expect(detectBrand('9')).to.equal('unknown');
    expect(detectBrand('')).to.equal('unknown');
  });

  it('groups the number as it is printed on the card', () => {
    expect(formatCardNumber('4242424242424242')).to.equal('4242 4242 4242 4242');
    expect(formatCardNumber('42424')).to.equal('4242 4');
    expect(formatCardNumber('378282246310005')).to.equal('3782 822463 10005');
    expect(formatCardNumber('3782822463100059999')).to.equal('3782 822463 10005');
    expect(formatCardNumber('4-2 42a4')).to.equal('4242 4');
    expect(formatCardNumber('4242424242424242123')).to.equal('4242 4242 4242 4242 123');
  });

  it('keeps the caret after the same digits when the text is regrouped', () => {
    expect(caretAfterDigits('4242 4242 4', 4)).to.equal(4);
    expect(caretAfterDigits('4242 4242 4', 5)).to.equal(6);
    expect(caretAfterDigits('4242 4', 0)).to.equal(0);
    expect(caretAfterDigits('4242', 9)).to.equal(4);
  });

  it('checks the Luhn checksum', () => {
    expect(luhnValid('4242424242424242')).to.equal(true);
    expect(luhnValid('4242 4242 4242 4242')).to.equal(true);
    expect(luhnValid('4242424242424241')).to.equal(false);
    expect(luhnValid('378282246310005')).to.equal(true);
    expect(luhnValid('42424242')).to.equal(false);
    expect(luhnValid('4242x24242424242')).to.equal(false);
  });

  it('tells a missing, short or wrong number apart', () => {
    expect(cardNumberProblem('')).to.equal('required');
    expect(cardNumberProblem('4242 4242')).to.equal('incomplete');
    expect(cardNumberProblem('4242 4242 4242 4241')).to.equal('invalid');
    expect(cardNumberProblem('4242 4242 4242 4242')).to.equal(undefined);
    expect(cardNumberProblem('3782 822463 10005')).to.equal(undefined);
    expect(cardNumberProblem('3782 822463 1000')).to.equal('incomplete');
  });

  it('adds the expiry slash as the month is typed, and lets backspace through it', () => {
    expect(formatExpiry('1')).to.equal('1');
    expect(formatExpiry('12')).to.equal('12 / ');
    expect(formatExpiry('4')).to.equal('04 / ');
    expect(formatExpiry('1230')).to.equal('12 / 30');
    expect(formatExpiry('12 / 305')).to.equal('12 / 30');
    expect(formatExpiry('12 /', true)).to.equal('12');
    expect(parseExpiry('12 / 30')).to.deep.equal({ month: 12, year: 2030 });
    expect(parseExpiry('12 / 3')).to.equal(undefined);
  });

  it('refuses expiry dates in the past or out of range', () => {
    const now = new Date(2026, 4, 10);
    expect(expiryProblem('', now)).to.equal('required');
    expect(expiryProblem('13 / 30', now)).to.equal('invalid');
    expect(expiryProblem('04 / 26', now)).to.equal('past');
    expect(expiryProblem('12 / 25', now)).to.equal('past');
    expect(expiryProblem('05 / 26', now)).to.equal(undefined);
    expect(expiryProblem('01 / 30', now)).to.equal(undefined);
  });

  it('wants 3 security digits, 4 for American Express', () => {
    expect(cvcLength('visa')).to.equal(3);
    expect(cvcLength('amex')).to.equal(4);
  });

  it('checks the ABA routing checksum', () => {
    expect(abaValid('110000000')).to.equal(true);
    expect(abaValid('021000021')).to.equal(true);
    expect(abaValid('021000022')).to.equal(false);
    expect(abaValid('11000000')).to.equal(false);
    expect(routingProblem('1100', true)).to.equal(undefined);
    expect(routingProblem('1100', false)).to.equal('incomplete');
    expect(routingProblem('123456789', true)).to.equal('invalid');
  });
});

describe('money input', () => {
  it('turns typed amounts into minor units without floating point', () => {
    expect(parseMoney('125', 'USD', 'en-US')).to.equal(12500);
    expect(parseMoney('1,234.56', 'USD', 'en-US')).to.equal(123456);
    expect(parseMoney('$ 0.29', 'USD', 'en-US')).to.equal(29);
    expect(parseMoney('1.1', 'USD', 'en-US')).to.equal(110);
    expect(parseMoney('19.99', 'USD', 'en')).to.equal(1999);
    expect(parseMoney('0.07', 'USD', 'en')).to.equal(7);
    expect(parseMoney('1.234,56', 'EUR', 'de-DE')).to.equal(123456);
    expect(parseMoney('12.50', 'EUR', 'de-DE')).to.equal(1250);
    expect(parseMoney('1500', 'JPY', 'ja')).to.equal(1500);
    expect(parseMoney('1.5', 'JPY', 'en')).to.equal(undefined);
    expect(parseMoney('1.234', 'USD', 'en')).to.equal(undefined);
    expect(parseMoney('-5', 'USD', 'en')).to.equal(undefined);
    expect(parseMoney('abc', 'USD', 'en')).to.equal(undefined);
    expect(parseMoney('', 'USD', 'en')).to.equal(undefined);
  });

  it('writes minor units back as the client would type them', () => {
    expect(formatMoneyInput(123456, 'USD', 'en-US')).to.equal('1,234.56');
    expect(formatMoneyInput(5, 'USD', 'en-US')).to.equal('0.05');
    expect(formatMoneyInput(123456, 'EUR', 'de-DE')).to.equal('1.234,56');
    expect(formatMoneyInput(1500, 'JPY', 'ja')).to.equal('1,500');
  });

  it('applies a payment oldest due first', () => {
    const invoices = [
      { id: 'new', dueOn: '2026-03-01', issuedOn: '2026-02-01', openBalance: 10_000 },
      { id: 'old', dueOn: '2026-01-01', issuedOn: '2025-12-01', openBalance: 5_000 },
    ];
    expect([...allocateOldestFirst(7_500, invoices)]).to.deep.equal([
      ['old', 5_000],
      ['new', 2_500],
    ]);
    expect([...allocateOldestFirst(50_000, invoices)]).to.deep.equal([
      ['old', 5_000],
      ['new', 10_000],
    ]);
  });
});
