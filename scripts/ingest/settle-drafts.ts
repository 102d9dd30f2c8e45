/**
 * The project drafts of every plan sheet, settled together: a project given twice (same id, or
 * same name, across all files) is a duplicate; rows without an id get one that stays the same
 * across re-ingests (district + name), so monthly returns keep matching; each row is checked
 * against the schema.
 */
import { createHash } from 'node:crypto';
import { DatasetValidationError, validateRow } from '../lib/dataset-writer.ts';
import type { Issue } from './issues.ts';
import type { Draft } from './plan-sheet.ts';
import { nameKey } from './text.ts';

const hashId = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 8);

/** Marks duplicates and schema failures invalid, gives ids; returns the issues found. */
export function settleDrafts(drafts: Draft[], defaults: Set<string>): Issue[] {
  const issues: Issue[] = [];
  // duplicates across all plan sheets: same id, or same name
  const seenId = new Map<string, Draft>();
  const seenName = new Map<string, Draft>();
  for (const d of drafts) {
    const id = d.idGiven ? String(d.project.id) : null;
    const key = d.project.name ? nameKey(String(d.project.name)) : null;
    const first = (id && seenId.get(id)) || (key && seenName.get(key)) || null;
    if (first) {
      const same = id && seenId.get(id) ? `id "${id}"` : `name "${d.project.name}"`;
      issues.push({
        file: d.src.file,
        sheet: d.src.sheet,
        row: d.src.row,
        column: null,
        header: null,
        reason: 'duplicate_project',
        message: `same ${same} as ${first.src.file} sheet "${first.src.sheet}" row ${first.src.row}`
      });
      d.invalid = true;
    }
    if (id && !seenId.has(id)) seenId.set(id, d);
    if (key && !seenName.has(key)) seenName.set(key, d);
  }
  // ids for rows without one: stable across re-ingests (district + name), so monthly returns keep matching
  const taken = new Set(drafts.filter((d) => d.idGiven).map((d) => String(d.project.id)));
  for (const d of drafts) {
    if (d.idGiven) continue;
    let id = `${d.project.district_code ?? 'x'}-${hashId(nameKey(String(d.project.name ?? d.src.row)))}`;
    for (let n = 2; taken.has(id); n++) id = `${id.replace(/-\d+$/, '')}-${n}`;
    taken.add(id);
    d.project.id = id;
  }
  if (drafts.some((d) => !d.idGiven)) defaults.add('id: district code + hash of the name where the sheet has no 项目编号');
  for (const d of drafts.filter((x) => !x.invalid)) {
    try {
      validateRow('projects', d.project, 0);
    } catch (err) {
      if (!(err instanceof DatasetValidationError)) throw err;
      d.invalid = true;
      issues.push({
        ...d.src,
        column: null,
        header: null,
        reason: 'bad_value',
        message: err.message.replace(/^projects\.parquet row 1 /, '')
      });
    }
  }
  return issues;
}
