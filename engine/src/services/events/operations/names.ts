/** Input rules shared by the rule operations. https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutRule.html */
export const RULE_NAME = { type: 'string', required: true, minLength: 1, maxLength: 64 } as const;
export const BUS_NAME = { type: 'string', minLength: 1, maxLength: 1600 } as const;
