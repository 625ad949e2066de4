// Overrides the configuration shipped in the Camunda 7.24 webjar (same path on the classpath; the
// engine jar's own resources come first). The webapps cut the browser's language tag at "-" and lower-case
// it, so a browser asking for zh-CN gets locales/zh.json; every other language falls back to Chinese
// too, except English, which stays available. Dates use the formats of zh.json's dateLocales
// (e.g. 2026年12月1日 09:30) and are shown in the browser's time zone (Asia/Shanghai for the office).
// The migration banner about Camunda 8 is hidden in styles/user-styles.css (the webapps show it
// unconditionally in the Community Edition; there is no configuration flag for it).

export default {
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh',
  },
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL',
  },
};
