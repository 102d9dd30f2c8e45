/**
 * The GB/T 9704-2012 page (党政机关公文格式) both renderers lay the bulletin out on: A4, top margin
 * 37 mm, binding (left) margin 28 mm, a text block of 156 × 225 mm holding 22 lines of 28
 * characters; the title in 小标宋 2号 (22 pt), the text in 仿宋 3号 (16 pt), first-level headings
 * in 黑体 3号. Tables use 五号 (10.5 pt), as attachments' tables commonly do, to fit nine columns.
 */
export const PAGE_MM = { width: 210, height: 297 } as const;
export const TEXT_BLOCK_MM = { width: 156, height: 225 } as const;
export const MARGIN_MM = {
  top: 37,
  left: 28,
  right: PAGE_MM.width - 28 - TEXT_BLOCK_MM.width,
  bottom: PAGE_MM.height - 37 - TEXT_BLOCK_MM.height
} as const;

export const TITLE_PT = 22;
export const BODY_PT = 16;
export const TABLE_PT = 10.5;
/** 22 lines to the text block's height. */
export const LINE_PT = (TEXT_BLOCK_MM.height / 22) * (72 / 25.4);
/** The red of the issuer's name and the rule under the document number (版头). */
export const RED = 'C00000';

/**
 * Local fonts only, the offices' first (what Word and WPS name them), then Noto CJK from Debian's
 * fonts-noto-cjk as the stated fallback; no web font is ever fetched.
 */
export const FONTS = {
  title: ['FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05', '方正小标宋简体', '方正小标宋_GBK', 'Noto Serif CJK SC'],
  body: ['FangSong_GB2312', '仿宋_GB2312', 'FangSong', '仿宋', 'STFangsong', 'Noto Serif CJK SC'],
  heading: ['SimHei', '黑体', 'Noto Sans CJK SC'],
  table: ['SimSun', '宋体', 'Noto Serif CJK SC']
} as const;

/** A CSS font-family list of a stack, with the generic family last. */
export function cssFontStack(stack: readonly string[], generic: 'serif' | 'sans-serif'): string {
  return [...stack.map((f) => `"${f}"`), generic].join(', ');
}

/** The font Word and WPS are told to use: the office's own (the first of the stack with a Chinese name). */
export const WORD_FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', table: '宋体' } as const;
