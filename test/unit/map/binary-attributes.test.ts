import { describe, expect, it } from 'vitest';
import { attributeTriggers, binaryAttribute, pointAttributes, sameRows, type BinaryData } from '../../../src/lib/map/binary-attributes.ts';

const points = (positions: Float32Array, selected?: Uint8Array): BinaryData => ({
  length: positions.length / 2,
  attributes: {
    getPosition: binaryAttribute(positions, 2),
    ...(selected ? { getFilterValue: binaryAttribute(selected, 1) } : {})
  }
});

describe('binary attributes', () => {
  it('gives one descriptor per array, size and normalisation', () => {
    const colors = new Uint8Array(8);
    const a = binaryAttribute(colors, 4, true);
    expect(binaryAttribute(colors, 4, true)).toBe(a);
    expect(a).toEqual({ value: colors, size: 4, normalized: true });
    expect(binaryAttribute(colors, 4)).not.toBe(a);
    expect(binaryAttribute(colors, 4)).toEqual({ value: colors, size: 4 });
    expect(binaryAttribute(colors, 2, true)).not.toBe(a);
    expect(binaryAttribute(new Uint8Array(8), 4, true)).not.toBe(a);
  });

  it('takes data with the same positions as the same rows, whatever the selection', () => {
    const positions = new Float32Array(6);
    const before = points(positions, Uint8Array.from([1, 0, 1]));
    const after = points(positions, Uint8Array.from([0, 0, 1]));
    expect(sameRows(after, before)).toBe(true);
    expect(sameRows(points(new Float32Array(6)), before)).toBe(false);
    expect(sameRows(points(new Float32Array(4)), points(new Float32Array(4).subarray(0, 2)))).toBe(false);
    expect(sameRows(before, null)).toBe(false);
    expect(sameRows(null, before)).toBe(false);
    expect(sameRows(null, null)).toBe(true);
    expect(sameRows(before, undefined)).toBe(false);
  });

  it('changes an attribute trigger exactly when its descriptor changes', () => {
    const positions = new Float32Array(6);
    const selected = Uint8Array.from([1, 0, 1]);
    const a = attributeTriggers(points(positions, selected));
    const b = attributeTriggers(points(positions, selected));
    const c = attributeTriggers(points(positions, Uint8Array.from([1, 1, 1])));
    // deck.gl compares a trigger's keys by identity.
    expect(a.getPosition).not.toBe(b.getPosition);
    expect(a.getPosition.attribute).toBe(b.getPosition.attribute);
    expect(a.getFilterValue.attribute).toBe(b.getFilterValue.attribute);
    expect(c.getFilterValue.attribute).not.toBe(a.getFilterValue.attribute);
    expect(c.getPosition.attribute).toBe(a.getPosition.attribute);
    expect(attributeTriggers(null)).toEqual({});
  });

  it('gives the dots one descriptor per array, and only the attributes they have', () => {
    const positions = new Float32Array([1, 2, 3, 4]);
    const fill = new Uint8Array(8);
    const plain = pointAttributes({ length: 2, selected: null }, positions, fill, null, null)!;
    expect(Object.keys(plain.attributes)).toEqual(['getPosition', 'getFillColor']);
    expect(plain.attributes.getFillColor).toEqual({ value: fill, size: 4, normalized: true });
    const selected = new Uint8Array([1, 0]);
    const radius = new Float32Array(2);
    const line = new Uint8Array(8);
    const full = pointAttributes({ length: 2, selected }, positions, fill, radius, line)!;
    expect(Object.keys(full.attributes)).toEqual(['getPosition', 'getFillColor', 'getRadius', 'getLineColor', 'getFilterValue']);
    expect(full.attributes.getPosition).toBe(plain.attributes.getPosition);
    expect(full.attributes.getRadius).toEqual({ value: radius, size: 1 });
    expect(pointAttributes({ length: 0, selected: null }, new Float32Array(0), new Uint8Array(0), null, null)).toBeNull();
  });
});
