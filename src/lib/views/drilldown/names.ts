/** A district's or sector's name on screen, in the active language. */
import type { Locale } from '../../i18n/format.ts';
import { translate } from '../../i18n/translate.ts';
import type { DrillTarget } from '../../state/drill.ts';
import { districtName, type DistrictNames } from '../value-labels.ts';

export function targetName(ws: { districtNames: DistrictNames }, target: DrillTarget, locale: Locale): string {
  return target.kind === 'district' ? districtName(ws.districtNames, target.key, locale) : translate(locale, `sector.${target.key}`);
}
