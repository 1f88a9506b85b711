/** Small statistics for benchmark samples: quantiles by nearest rank, medians over runs. */

/** The q-quantile (0…1) of the samples by nearest rank; 0 for no samples. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** The median of the values (the lower middle for an even count, so it is always a measured value). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Rounds to two decimals for printing. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Medians of every numeric field present in all the records (nested objects are taken field by field). */
export function medianRecord<T extends Record<string, unknown>>(records: readonly T[]): T {
  const first = records[0];
  if (!first) throw new Error('medianRecord: no records');
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    if (typeof value === 'number') {
      result[key] = round2(median(records.map((record) => record[key] as number)));
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      result[key] = medianRecord(records.map((record) => record[key] as Record<string, unknown>));
    } else {
      result[key] = value;
    }
  }
  return result as T;
}
