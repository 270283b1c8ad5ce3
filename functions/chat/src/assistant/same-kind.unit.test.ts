import { describe, expect, it } from 'vitest';
import { isOfKind } from './same-kind';

describe('isOfKind', () => {
  it.each([
    ['appointment', 'dentist'],
    ['appt', 'vet check-up for Max'],
    ['call', 'call the insurance company'],
    ['payment', 'pay rent'],
    ['meeting', 'weekly 1:1 with Priya'],
  ])('"the %s" can be "%s"', (word, title) => {
    expect(isOfKind(word, title)).toBe(true);
  });

  it.each([
    ['appointment', 'buy groceries'],
    ['call', 'recall the library book'],
    ['payment', 'book flights'],
    ['groceries', 'buy groceries'],
  ])('"the %s" is not "%s"', (word, title) => {
    expect(isOfKind(word, title)).toBe(false);
  });
});
