/** The protected build: the passphrase screen and decryption failures. */
export const zh = {
  'protect.title': '数据已加密',
  'protect.intro': '本站点的数据文件已加密。请输入单位发给您的访问口令后查看。',
  'protect.passphrase': '访问口令',
  'protect.show': '显示口令',
  'protect.remember': '在本浏览器会话中记住（关闭浏览器后失效）',
  'protect.rememberNote': '记住时只在本会话保存解密密钥，不保存口令本身。',
  'protect.submit': '打开数据',
  'protect.checking': '正在验证口令…',
  'protect.wrong': '口令不正确，请检查后重新输入（注意区分大小写和全角、半角字符）。',
  'protect.empty': '请输入访问口令。',
  'protect.slow': '此连接不是 HTTPS，浏览器改用内置的解密程序，验证口令约需数秒。',
  'protect.badKeyFile': '加密数据的密钥文件 {file} 无法使用：可能不是由本版本的构建步骤生成的。',
  'error.decrypt': '{file} 无法解密：文件已损坏、被改动，或不属于本次加密构建。'
} as const;

export const en: Record<keyof typeof zh, string> = {
  'protect.title': 'The data is encrypted',
  'protect.intro': "This site's data files are encrypted. Enter the passphrase your organisation gave you to open them.",
  'protect.passphrase': 'Passphrase',
  'protect.show': 'Show',
  'protect.remember': 'Remember for this browser session (until the browser is closed)',
  'protect.rememberNote': 'Remembering keeps the decryption key for this session only, never the passphrase.',
  'protect.submit': 'Open the data',
  'protect.checking': 'Checking the passphrase…',
  'protect.wrong':
    'That passphrase is not right. Check it and try again (letters are case-sensitive; full-width and half-width characters differ).',
  'protect.empty': 'Enter the passphrase.',
  'protect.slow':
    'This connection is not HTTPS, so the browser decrypts with a built-in program: checking the passphrase takes a few seconds.',
  'protect.badKeyFile':
    'The key file of the encrypted data, {file}, cannot be used: it may not have been made by this version of the build step.',
  'error.decrypt': '{file} cannot be decrypted: the file is damaged, was changed, or does not belong to this protected build.'
};
