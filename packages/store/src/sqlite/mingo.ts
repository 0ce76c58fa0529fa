import { Context } from 'mingo';
import { ComputeOptions, initOptions } from 'mingo/core';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';

// mingo evaluates filters, updates, projections and pipelines with MongoDB's semantics.
// It gets an explicit operator context (no global registration) and script operators off.

/** The operators of a namespace import, without the `default` key a CommonJS module adds. */
function operators<T extends object>(namespace: T): Omit<T, 'default'> {
  const { default: _, ...rest } = namespace as T & { default?: unknown };
  return rest;
}

const context = Context.init({
  accumulator: operators(accumulator),
  expression: operators(expression),
  pipeline: operators(pipeline),
  projection: operators(projection),
  query: operators(query),
});

/** Built once: mingo copies the whole operator context for plain options on every query. */
export const mingoOptions = ComputeOptions.init(initOptions({ context, scriptEnabled: false }));
