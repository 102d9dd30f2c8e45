/** Where this site's basemap config is (config/basemaps.json under the app's base path). */
import { base } from '$app/paths';

export const siteBasemapsUrl = (): string => new URL(`${base}/config/basemaps.json`, location.href).href;
