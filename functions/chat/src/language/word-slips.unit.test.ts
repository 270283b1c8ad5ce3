import { describe, expect, it } from 'vitest';
import { withDateWordsFixed } from './word-slips';

describe('withDateWordsFixed', () => {
  it.each([
    ['pick up prescription on thursdy', 'pick up prescription on thursday'],
    ['mow the lawn evry saturday', 'mow the lawn every saturday'],
    ['mark the gym thing compelted', 'mark the gym thing completed'],
    ['dentist on wendesday', 'dentist on wednesday'],
    ['call the bank firday morining', 'call the bank friday morning'],
    ['pay the deposit by febuary', 'pay the deposit by february'],
    ['gym tomorow', 'gym tomorrow'],
  ])('corrects one slip in a date word: %j → %j', (typed, fixed) => {
    expect(withDateWordsFixed(typed)).toBe(fixed);
  });

  it.each([
    'have you ever been there',
    'very important call',
    'give me a minute',
    'complete the report',
    'yoga on saturdays',
    'call Frida about the flat',
    'mourning clothes for the funeral',
    '#thursdy stays a tag',
    "monday's meeting",
  ])('leaves %j as typed', (text) => {
    expect(withDateWordsFixed(text)).toBe(text);
  });
});
