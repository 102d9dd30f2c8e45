/**
 * The bulletin as an editable Word document (.docx), rendered from the same document model as the
 * screen and the print (model.ts): the same text and the same figures, on the GB/T 9704 page,
 * table headers repeated on each page and no row split across pages. Loaded only when the user
 * downloads (a chunk of its own: docx and its zip library are 500 kB).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild
} from 'docx';
import type { Align, Block, BulletinDocument } from './model.ts';
import { BODY_PT, LINE_PT, MARGIN_MM, PAGE_MM, RED, TABLE_PT, TEXT_BLOCK_MM, TITLE_PT, WORD_FONTS } from './layout.ts';

/** A figure drawn for the Word file: PNG bytes and its size in CSS pixels (96 per inch). */
export interface FigureImage {
  png: Uint8Array;
  width: number;
  height: number;
}

const half = (pt: number) => Math.round(pt * 2);
/** Millimetres in twips, rounded (docx's own conversion truncates: A4 would be 11905 wide). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const twip = (pt: number) => Math.round(pt * 20);
const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  start: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  end: AlignmentType.RIGHT
};
const font = (name: string) => ({ eastAsia: name, ascii: 'Times New Roman', hAnsi: 'Times New Roman' });
const exactLine = { line: twip(LINE_PT), lineRule: 'exact' as const };

const run = (text: string, options: { font?: string; size?: number; color?: string } = {}) =>
  new TextRun({ text, font: font(options.font ?? WORD_FONTS.body), size: half(options.size ?? BODY_PT), color: options.color });

/** A body paragraph: indented two characters, on the 22-line grid. */
const bodyParagraph = (text: string) =>
  new Paragraph({ children: [run(text)], indent: { firstLine: twip(BODY_PT * 2) }, spacing: exactLine });

function tableBlock(block: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const width = mm(TEXT_BLOCK_MM.width);
  const cell = (text: string, align: Align, header: boolean) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : ALIGN[align],
          children: [new TextRun({ text, font: font(header ? WORD_FONTS.heading : WORD_FONTS.table), size: half(TABLE_PT) })]
        })
      ]
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: block.columns.map((c) => cell(c.label, c.align, true)) });
  const rows = block.rows.map(
    (r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, block.columns[i].align, false)) })
  );
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: exactLine,
      children: [run(block.caption, { font: WORD_FONTS.heading, size: TABLE_PT + 1.5 })]
    }),
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: block.columns.map((c) => Math.round(c.width * width)),
      rows: [header, ...rows]
    })
  ];
}

function figureBlock(caption: string, image: FigureImage | undefined): Paragraph[] {
  const out: Paragraph[] = [];
  if (image) {
    // Scaled to the text block's width at most (CSS pixels at 96 per inch).
    const maxWidth = (TEXT_BLOCK_MM.width / 25.4) * 96;
    const scale = Math.min(1, maxWidth / image.width);
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type: 'png',
            data: image.png,
            transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) }
          })
        ]
      })
    );
  }
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: exactLine,
      children: [run(caption, { font: WORD_FONTS.heading, size: TABLE_PT + 1.5 })]
    })
  );
  return out;
}

function blockParts(block: Block, images: { chart?: FigureImage; map?: FigureImage }): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [
        new Paragraph({
          keepNext: true,
          indent: { firstLine: twip(BODY_PT * 2) },
          spacing: exactLine,
          children: [run(block.text, { font: WORD_FONTS.heading })]
        })
      ];
    case 'paragraph':
      return [bodyParagraph(block.text)];
    case 'table':
      return tableBlock(block);
    case 'chart':
      return figureBlock(block.caption, images.chart);
    case 'map':
      return figureBlock(block.caption, images.map);
  }
}

/** The document's parts in reading order: 版头 (issuer, number, red rule), title, addressee, body, 落款, trace. */
function documentParts(doc: BulletinDocument, images: { chart?: FigureImage; map?: FigureImage }): (Paragraph | Table)[] {
  const centred = (children: ParagraphChild[], extra: object = {}) =>
    new Paragraph({ alignment: AlignmentType.CENTER, children, ...extra });
  return [
    centred([run(doc.issuer, { font: WORD_FONTS.title, size: TITLE_PT + 4, color: RED })], { spacing: { after: twip(LINE_PT) } }),
    centred([run(doc.docNumber)], {
      spacing: exactLine,
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 8 } }
    }),
    centred([run(doc.title, { font: WORD_FONTS.title, size: TITLE_PT })], { spacing: { before: twip(LINE_PT), after: twip(LINE_PT) } }),
    new Paragraph({ spacing: exactLine, children: [run(doc.addressee)] }),
    ...doc.blocks.flatMap((b) => blockParts(b, images)),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { ...exactLine, before: twip(LINE_PT * 2) },
      indent: { right: twip(BODY_PT * 2) },
      children: [run(doc.signature)]
    }),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: exactLine,
      indent: { right: twip(BODY_PT * 2) },
      children: [run(doc.issued)]
    }),
    new Paragraph({ spacing: { before: twip(LINE_PT) }, children: [run(doc.trace, { size: TABLE_PT })] })
  ];
}

/** The Word document of a bulletin (docx's object, for tests); `bulletinDocx` packs it. */
export function bulletinWordDocument(doc: BulletinDocument, images: { chart?: FigureImage; map?: FigureImage } = {}): Document {
  return new Document({
    title: doc.title,
    creator: doc.issuer,
    styles: { default: { document: { run: { font: font(WORD_FONTS.body), size: half(BODY_PT) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(PAGE_MM.width), height: mm(PAGE_MM.height) },
            margin: {
              top: mm(MARGIN_MM.top),
              bottom: mm(MARGIN_MM.bottom),
              left: mm(MARGIN_MM.left),
              right: mm(MARGIN_MM.right),
              footer: mm(MARGIN_MM.bottom - 14)
            }
          }
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(WORD_FONTS.table), size: half(14) })]
              })
            ]
          })
        },
        children: documentParts(doc, images)
      }
    ]
  });
}

/** The .docx file of a bulletin. */
export function bulletinDocx(doc: BulletinDocument, images: { chart?: FigureImage; map?: FigureImage } = {}): Promise<Blob> {
  return Packer.toBlob(bulletinWordDocument(doc, images));
}
