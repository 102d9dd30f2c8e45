import type { MessageKey } from '../i18n/messages.ts';

/** Navigation shows only the views that exist; each new view adds itself here. */
export const NAV_ITEMS: { path: string; label: MessageKey }[] = [{ path: '/', label: 'nav.map' }];
