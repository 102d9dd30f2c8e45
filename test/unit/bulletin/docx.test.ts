/** The Word rendering of a bulletin model: the same text and figures, the GB/T 9704 page, tables that print whole rows. */
import JSZip from 'jszip';
import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import { bulletinWordDocument } from '../../../src/lib/bulletin/docx.ts';
import type { BulletinDocument } from '../../../src/lib/bulletin/model.ts';

function sampleDocument(): BulletinDocument {
  return {
    locale: 'zh-CN',
    issuer: '柳州市重大项目办公室',
    docNumber: '柳重大办通〔2022〕9号',
    title: '关于2022年9月柳州市重大项目推进情况的通报',
    addressee: '各县（区）人民政府：',
    blocks: [
      { kind: 'heading', text: '一、总体情况' },
      { kind: 'paragraph', text: '1—9月累计完成投资612.34亿元，完成年度计划的77.1%。' },
      {
        kind: 'table',
        id: 'ranking',
        caption: '表1  各县区',
        columns: [
          { label: '名次', align: 'center', width: 0.5 },
          { label: '完成率', align: 'end', width: 0.5 }
        ],
        rows: [
          ['1', '81.2%'],
          ['并列2', '79.9%']
        ]
      },
      { kind: 'chart', caption: '图1  各县区完成率与序时进度', bars: [], legend: { rate: '完成率', elapsed: '序时进度' } }
    ],
    signature: '柳州市重大项目办公室',
    issued: '2022年10月10日',
    trace: '数据指纹 0123456789ab'
  };
}

async function documentXml(doc: BulletinDocument): Promise<string> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(bulletinWordDocument(doc)));
  return zip.file('word/document.xml')!.async('string');
}

const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]);

describe('the bulletin as a Word document', () => {
  it('has every paragraph and table cell of the model, in order', async () => {
    const doc = sampleDocument();
    const all = texts(await documentXml(doc)).join('|');
    const expected = [
      doc.issuer,
      doc.docNumber,
      doc.title,
      doc.addressee,
      '一、总体情况',
      '1—9月累计完成投资612.34亿元，完成年度计划的77.1%。',
      '表1  各县区',
      '名次',
      '完成率',
      '1',
      '81.2%',
      '并列2',
      '79.9%',
      '图1  各县区完成率与序时进度',
      doc.signature,
      doc.issued,
      doc.trace
    ];
    expect(all).toBe(expected.join('|'));
  });

  it('is laid out on A4 with the GB/T 9704 margins', async () => {
    const xml = await documentXml(sampleDocument());
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it("repeats a table's header row on every page and never splits a row", async () => {
    const xml = await documentXml(sampleDocument());
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:cantSplit\/>/g)).toHaveLength(3);
  });

  it('sets the title in 小标宋 2号 and the text in 仿宋 3号', async () => {
    const xml = await documentXml(sampleDocument());
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^]*?<w:sz w:val="32"\/>/);
  });
});
