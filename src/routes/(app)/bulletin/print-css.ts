/**
 * The bulletin's page box, in the document's head only while the bulletin is shown: A4 with the
 * GB/T 9704 margins (bulletin/layout.ts), page numbers in the bottom margin (margin boxes print
 * in Chromium from v131), and the app's shell out of the way.
 */
import { MARGIN_MM } from '$lib/bulletin/layout.ts';

const m = MARGIN_MM;

export const PRINT_CSS = `
@page {
  size: A4;
  margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: "SimSun", "宋体", "Noto Serif CJK SC", serif;
    font-size: 14pt;
    vertical-align: top;
    padding-top: 7mm;
  }
}
@media print {
  html, body { height: auto !important; overflow: visible !important; background: #fff !important; }
  .app { display: block !important; height: auto !important; }
  .app > :not(main) { display: none !important; }
  .app > main { position: static !important; }
}
`;
