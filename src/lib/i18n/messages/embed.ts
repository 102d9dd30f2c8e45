/** The public embed (/embed/) and the map page's share / embed dialog. */
export const zh = {
  'embed.title': '{name}：项目分布图',
  'embed.asOf': '数据截至 {date}',
  'embed.month': '{month}',
  'embed.boundaries': '行政区划边界：{source}（示意图）',
  'embed.summary': '地图上显示 {n} 个项目。',
  'embed.picked': '所选项目',
  'embed.close': '关闭',
  'embed.mapLabel': '项目分布地图：方向键平移，加号和减号缩放',
  'share.open': '分享 / 嵌入',
  'share.title': '分享或嵌入当前视图',
  'share.link': '本页链接（内部使用）',
  'share.embedLink': '嵌入地址：只读，只有地图、图例和数据日期',
  'share.iframe': '嵌入代码（粘贴到网页中）',
  'share.copy': '复制',
  'share.copied': '已复制',
  'share.close': '关闭',
  'share.note':
    '嵌入页面使用当前的数据集、月份、筛选、着色、底图和地图位置。对外网站请用公开版本（npm run build:public），其中只有公开字段。'
} as const;

export const en: Record<keyof typeof zh, string> = {
  'embed.title': '{name}: project map',
  'embed.asOf': 'Data as of {date}',
  'embed.month': '{month}',
  'embed.boundaries': 'District boundaries: {source} (illustrative)',
  'embed.summary': 'The map shows {n} projects.',
  'embed.picked': 'Selected project',
  'embed.close': 'Close',
  'embed.mapLabel': 'Project map: arrow keys pan, plus and minus zoom',
  'share.open': 'Share / embed',
  'share.title': 'Share or embed this view',
  'share.link': 'Link to this page (internal)',
  'share.embedLink': 'Embed address: read-only, the map, its legend and the data date only',
  'share.iframe': 'Embed code (paste into a web page)',
  'share.copy': 'Copy',
  'share.copied': 'Copied',
  'share.close': 'Close',
  'share.note':
    'The embed shows the current dataset, month, filters, colours, basemap and map position. For a public website use the public build (npm run build:public), which holds public columns only.'
};
