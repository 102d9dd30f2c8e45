/**
 * kepler.gl on the benchmark's points, for the side by side in `npm run bench` (../kepler.ts).
 *
 * Opened as kepler/index.html?ds=<dataset id> on the bench server: fetches that dataset's
 * points.arrow (the file Command Map draws its first paint from: lon, lat, phase, square-root
 * sizes), hands it to kepler.gl as Arrow record batches (its fastest path) with one point layer and
 * a range filter on the investment size, and puts on window.__kepler what the harness reads:
 * `rendered` ({ t, n }: the first frame deck.gl drew with the points, ms from navigation start)
 * and `filter(range)`, which applies the filter and resolves with the dispatch time (kepler.gl
 * filters in its reducer, on the main thread) and the time to the first frame drawn with it.
 * No base map (nothing may be fetched off the bench server); Command Map's district map is drawn
 * under its points, so kepler.gl's figures leave that work out.
 */
import { tableFromIPC } from 'apache-arrow';
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { applyMiddleware, combineReducers, createStore } from 'redux';
import { addDataToMap, setFilter } from '@kepler.gl/actions';
import { injectComponents, MapContainerFactory } from '@kepler.gl/components';
import { processArrowBatches } from '@kepler.gl/processors';
import { enhanceReduxMiddleware, keplerGlReducer } from '@kepler.gl/reducers';

const DATA_ID = 'points';
const params = new URLSearchParams(location.search);
const dataset = params.get('ds');

/** Frames deck.gl has drawn, each with the layers it drew (kepler.gl rebuilds them on every state change). */
const frames = { count: 0, layers: null, waiters: [] };

function onDeckAfterRender(deckProps) {
  frames.count += 1;
  frames.layers = deckProps.layers;
  // The point layer's data is the Arrow table itself (kepler.gl draws Arrow data as is).
  const data = deckProps.layers.find((l) => l.id === 'points-layer')?.props.data;
  const n = data?.numRows ?? data?.length ?? 0;
  if (n > 0 && !window.__kepler.rendered) window.__kepler.rendered = { t: performance.now(), n };
  for (const w of frames.waiters.splice(0)) w.check();
}

/** kepler.gl's map with the frame callback it offers to a replacement map container. */
function MapContainerWithFrames(...deps) {
  const MapContainer = MapContainerFactory(...deps);
  const WithFrames = (props) => <MapContainer {...props} deckRenderCallbacks={{ onDeckAfterRender }} />;
  WithFrames.displayName = 'MapContainerWithFrames';
  return WithFrames;
}
MapContainerWithFrames.deps = MapContainerFactory.deps;

const KeplerGl = injectComponents([[MapContainerFactory, MapContainerWithFrames]]);

const reducers = combineReducers({
  keplerGl: keplerGlReducer.initialState({ uiState: { readOnly: true, currentModal: null }, mapStyle: { styleType: 'no_map' } })
});
const store = createStore(reducers, {}, applyMiddleware(...enhanceReduxMiddleware([])));

/** Resolves at the first frame drawn from layers built after this call. */
function nextFrameWithNewLayers() {
  const before = frames.layers;
  return new Promise((resolve) => {
    const waiter = { check: () => frames.layers !== before && resolve(performance.now()) };
    frames.waiters.push(waiter);
  });
}

window.__kepler = {
  rendered: null,
  error: null,
  rows: null,
  /** Sets the size filter to [lo, hi] (square-root 万元); data: the dispatch, total: to the frame drawn with it. */
  async filter(range) {
    const t0 = performance.now();
    const drawn = nextFrameWithNewLayers();
    store.dispatch(setFilter(0, 'value', range));
    const t1 = performance.now();
    const t2 = await drawn;
    const state = store.getState().keplerGl.map.visState.datasets[DATA_ID];
    // A range filter on a number is applied on the GPU; the rows it keeps are counted for the domain.
    return { data_ms: t1 - t0, total_ms: t2 - t0, shown: state.filteredIndexForDomain.length };
  },
  /** The size column's range, for the harness's filter values. */
  sizeDomain() {
    const filter = store.getState().keplerGl.map.visState.filters[0];
    return filter.domain;
  }
};

async function load() {
  performance.mark('kepler:script');
  const response = await fetch(`../data/${encodeURIComponent(dataset)}/points.arrow`);
  if (!response.ok) throw new Error(`points.arrow: HTTP ${response.status}`);
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
  window.__kepler.rows = table.numRows;
  performance.mark('kepler:fetched');
  const data = processArrowBatches(table.batches);
  store.dispatch(
    addDataToMap({
      datasets: { info: { id: DATA_ID, label: dataset }, data },
      options: { centerMap: true, readOnly: true },
      config: {
        version: 'v1',
        config: {
          visState: {
            layers: [
              {
                id: 'points-layer',
                type: 'point',
                config: {
                  dataId: DATA_ID,
                  label: 'projects',
                  columns: { lat: 'lat', lng: 'lon' },
                  isVisible: true,
                  color: [31, 119, 180],
                  visConfig: { radius: 4, opacity: 0.8 }
                }
              }
            ],
            filters: [{ id: 'size', dataId: [DATA_ID], name: ['sqrt_total'], type: 'range' }]
          }
        }
      }
    })
  );
  performance.mark('kepler:added');
}

createRoot(document.getElementById('app')).render(
  <Provider store={store}>
    <KeplerGl id="map" width={window.innerWidth} height={window.innerHeight} mapboxApiAccessToken="" />
  </Provider>
);
load().catch((err) => {
  window.__kepler.error = String(err?.message ?? err);
});
