/**
 * The bulletin's figures as pictures for the Word file: each SVG on the page drawn into a canvas at
 * twice its size and encoded as PNG (Word and WPS show SVG unevenly; PNG everywhere).
 */
import type { FigureImage } from '../../bulletin/docx.ts';

async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<FigureImage> {
  const width = svg.viewBox.baseVal.width;
  const height = svg.viewBox.baseVal.height;
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  // An SVG drawn as an image has no page stylesheet: its font is set on it.
  copy.setAttribute('font-family', getComputedStyle(svg).fontFamily);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the figure could not be drawn');
    return { png: new Uint8Array(await blob.arrayBuffer()), width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The chart and the map found under `root` (`data-figure` of their SVG), each as PNG; a figure not shown is left out. */
export async function figureImages(root: ParentNode): Promise<{ chart?: FigureImage; map?: FigureImage }> {
  const out: { chart?: FigureImage; map?: FigureImage } = {};
  for (const id of ['chart', 'map'] as const) {
    const svg = root.querySelector<SVGSVGElement>(`svg[data-figure="${id}"]`);
    if (svg) out[id] = await svgToPng(svg);
  }
  return out;
}
