import type { Rule } from 'eslint';

export declare const functionBoundaries: Rule.RuleModule;
