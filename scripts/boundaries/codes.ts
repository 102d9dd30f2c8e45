/**
 * Admin-code fixes and English names for the extracted districts.
 * The package's codes predate some boundary changes (民政部 announcements):
 */
export const STALE_CODES: Record<string, string> = {
  '450221': '450206', // 柳江县 → 柳江区 (2016); the package already says 柳江区 but keeps the county code
  '360421': '360404', // 九江县 → 柴桑区 (2017)
  '360427': '360483', // 星子县 → 庐山市 (2016); name already updated in the package, code not
  '520522': '520581', // 黔西县 → 黔西市 (2021)
  '522401': '520502', // 毕节市(县级) → 七星关区 (2011), in case an old file has it
  '360402': '360402' // 庐山区 → 濂溪区 (2016) keeps its code
};

export const STALE_NAMES: Record<string, string> = {
  '360421': '柴桑区',
  '520522': '黔西市'
};

export const DISTRICT_EN: Record<string, string> = {
  // Liuzhou
  '450202': 'Chengzhong',
  '450203': 'Yufeng',
  '450204': 'Liunan',
  '450205': 'Liubei',
  '450206': 'Liujiang',
  '450222': 'Liucheng',
  '450223': 'Luzhai',
  '450224': "Rong'an",
  '450225': 'Rongshui Miao Autonomous County',
  '450226': 'Sanjiang Dong Autonomous County',
  // Guiyang
  '520102': 'Nanming',
  '520103': 'Yunyan',
  '520111': 'Huaxi',
  '520112': 'Wudang',
  '520113': 'Baiyun',
  '520115': 'Guanshanhu',
  '520121': 'Kaiyang',
  '520122': 'Xifeng',
  '520123': 'Xiuwen',
  '520181': 'Qingzhen',
  // Lishui
  '331102': 'Liandu',
  '331121': 'Qingtian',
  '331122': 'Jinyun',
  '331123': 'Suichang',
  '331124': 'Songyang',
  '331125': 'Yunhe',
  '331126': 'Qingyuan',
  '331127': 'Jingning She Autonomous County',
  '331181': 'Longquan',
  // Jiujiang
  '360402': 'Lianxi',
  '360403': 'Xunyang',
  '360404': 'Chaisang',
  '360423': 'Wuning',
  '360424': 'Xiushui',
  '360425': 'Yongxiu',
  '360426': "De'an",
  '360428': 'Duchang',
  '360429': 'Hukou',
  '360430': 'Pengze',
  '360481': 'Ruichang',
  '360482': 'Gongqingcheng',
  '360483': 'Lushan',
  // Bijie (county-2023, illustrative)
  '520527': 'Hezhang'
};
