import { fnAnd, fnEquals, fnIf, fnNot, fnOr } from './conditions.ts';
import type { IntrinsicHandler } from './handler.ts';
import { cidr, getAzs, join, select, split } from './lists.ts';
import { getAtt, ref } from './references.ts';
import { sub } from './sub.ts';
import { base64, findInMap, importValue } from './values.ts';

/**
 * Every supported intrinsic, by name: one handler each, no if-chain. A `Fn::…` missing here
 * (Fn::Length, Fn::ToJsonString and other LanguageExtensions functions) is an error naming its path.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
export const INTRINSICS: ReadonlyMap<string, IntrinsicHandler> = new Map<string, IntrinsicHandler>([
  ['Ref', ref],
  ['Fn::GetAtt', getAtt],
  ['Fn::Sub', sub],
  ['Fn::Join', join],
  ['Fn::Select', select],
  ['Fn::Split', split],
  ['Fn::If', fnIf],
  ['Fn::Equals', fnEquals],
  ['Fn::And', fnAnd],
  ['Fn::Or', fnOr],
  ['Fn::Not', fnNot],
  ['Fn::FindInMap', findInMap],
  ['Fn::Base64', base64],
  ['Fn::GetAZs', getAzs],
  ['Fn::ImportValue', importValue],
  ['Fn::Cidr', cidr],
]);
