/** writeFortiosConfig: random models written as FortiOS text map back to the same model, with no warnings. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { randomFortiosModel } from '../../test/fixtures/fortios/random-model';
import { mapFortiosConfig } from './map-config';
import { parseFortiosConfig } from './parse-config';
import { writeFortiosConfig } from './write-config';

/** The model without source locations, which differ between a generated model and one read from text. */
const withoutLocations = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(withoutLocations)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([k]) => k !== 'at')
            .map(([k, v]) => [k, withoutLocations(v)]),
        )
      : value;

test('write/round-trip-random-models', () => {
  fc.assert(
    fc.property(randomFortiosModel, (model) => {
      const text = writeFortiosConfig(model);
      const mapped = mapFortiosConfig(parseFortiosConfig(text, 'written.conf'));
      assert.deepEqual(withoutLocations(mapped.model), withoutLocations(model), text);
      assert.deepEqual(mapped.warnings, [], 'the writer writes only keys the model reads');
    }),
    { numRuns: 1000 },
  );
});
