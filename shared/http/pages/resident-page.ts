import { allCategories } from '#domain/categories.ts';
import { assetUrl } from './assets.ts';
import { escapeHtml, layout } from './html.ts';
import { type Lang, switchHref } from './lang.ts';
import { photoField, photoScriptText } from './photo-text.ts';

const TEXT = {
  zh: {
    title: '反映问题',
    intro: '请告诉我们哪里出了问题，网格员会尽快处理。提交后可随时查看进度。',
    category: '问题类别',
    chooseCategory: '请选择',
    description: '问题描述',
    descriptionHint: '请写清楚发生了什么、影响了多少户（至少 2 个字）。',
    location: '位置',
    byGrid: '不知道地址？从网格列表中选择',
    byAddress: '填写地址',
    byPosition: '使用手机定位',
    gridSearch: '搜索网格（名称、编号或地址）',
    grid: '网格',
    address: '地址（门牌）',
    addressHint: '例如：建设路1号1栋。输入时会提示登记的地址，社区名可以不写。',
    locate: '获取我的位置',
    contact: '联系方式（选填，仅承办人可见）',
    name: '称呼',
    phone: '手机号码',
    email: '电子邮箱',
    anonymous: '匿名反映（不保存联系方式）',
    submit: '提交',
    scriptNeeded: '此页面需要启用 JavaScript。',
  },
  en: {
    title: 'Report a problem',
    intro: 'Tell us what is wrong; a grid worker will take it up. You can follow its progress after sending.',
    category: 'Category',
    chooseCategory: 'Choose one',
    description: 'Description',
    descriptionHint: 'What happened and how many households it affects (at least 2 characters).',
    location: 'Location',
    byGrid: 'No address? Choose from the list of grids',
    byAddress: 'Type the address',
    byPosition: "Use my phone's position",
    gridSearch: 'Search grids (name, id or address)',
    grid: 'Grid',
    address: 'Address (door plate)',
    addressHint: 'e.g. 建设路1号1栋, as on your door plate; registered addresses are suggested as you type.',
    locate: 'Find my position',
    contact: 'Contact (optional, only the case holder sees it)',
    name: 'Name',
    phone: 'Mobile number',
    email: 'E-mail',
    anonymous: 'Report anonymously (no contact details kept)',
    submit: 'Send',
    scriptNeeded: 'This page needs JavaScript.',
  },
} as const;

/** What the page's module needs: messages in the page's language and the label of each field. */
function scriptText(lang: Lang) {
  const t = TEXT[lang];
  const zh = lang === 'zh';
  return {
    submit: t.submit,
    sending: zh ? '正在提交…' : 'Sending…',
    gridCount: zh ? '共 {} 个网格' : '{} grids',
    suggestCount: zh ? '{} 个登记地址相符，请选择' : '{} registered addresses match; choose one',
    suggestMore: zh ? '相符的地址较多，请继续输入' : 'Many addresses match; type more of yours',
    suggestNone: zh ? '没有相符的登记地址' : 'No registered address matches',
    ambiguous: zh
      ? '这个地址对应多个网格，请从下面的提示中选择一个。'
      : 'This address matches several grids; choose one of the suggestions below.',
    gridsFailed: zh
      ? '网格列表加载失败，请改用地址。'
      : 'The grid list did not load; use an address instead.',
    noGeolocation: zh ? '此浏览器不支持定位。' : 'This browser cannot tell its position.',
    locating: zh ? '正在定位…' : 'Finding your position…',
    located: zh ? '已获取位置：{}' : 'Position found: {}',
    locateFailed: zh
      ? '无法获取位置，请允许定位或改用其他方式。'
      : 'No position; allow location access or choose another way.',
    fixFields: zh ? '请修改以下内容后再提交：' : 'Please correct the following and send again:',
    failed: zh ? '提交失败，请稍后再试。' : 'Sending failed; please try again later.',
    offline: zh ? '网络连接失败，请检查网络后再试。' : 'No connection; check the network and try again.',
    colon: zh ? '：' : ': ',
    // The API's location-not-found, by the field it names: each way of giving the location has its own wording.
    unknown: zh
      ? {
          'location.gridId': '找不到这个网格，请从列表中选择。',
          'location.address':
            '名册中没有这个地址，请核对门牌（例如 建设路1号1栋），从输入时的提示中选择，或改为选择网格。',
          location: '您所在的位置不在任何网格内，请填写登记地址或选择网格。',
        }
      : {
          'location.gridId': 'No such grid; choose one from the list.',
          'location.address':
            'The registry has no such address; check the door plate (e.g. 建设路1号1栋), pick a suggestion, or choose the grid.',
          location: 'Your position is in no grid; type a registered address or choose the grid.',
        },
    tooMany: zh ? '提交过于频繁，请稍后再试。' : 'Too many reports at once; try again in a moment.',
    repeated: zh
      ? '这份表单已经提交过不同的内容，请刷新页面后重新填写。'
      : 'This form was already sent with other content; reload the page and fill it in again.',
    invalid: zh
      ? {
          category: '请选择问题类别。',
          description: '请描述问题，2 至 2000 字。',
          location: '请选择网格、填写登记地址或获取手机位置。',
          name: '称呼最多 50 个字。',
          phone: '请填写正确的手机号码。',
          email: '请填写正确的电子邮箱。',
        }
      : {
          category: 'Choose a category.',
          description: 'Describe the problem in 2 to 2000 characters.',
          location: 'Choose a grid, type a registered address or use your position.',
          name: 'At most 50 characters.',
          phone: 'Enter a valid mobile number.',
          email: 'Enter a valid e-mail address.',
        },
    fields: {
      category: t.category,
      description: t.description,
      location: t.location,
      name: t.name,
      phone: t.phone,
      email: t.email,
    },
  };
}

const field = (id: string, label: string, control: string, hint?: string) =>
  `<label for="${id}">${escapeHtml(label)}</label>${hint ? `<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>` : ''}${control}<p class="error" id="${id}-error"></p>`;

const described = (id: string, hint: boolean) => `aria-describedby="${hint ? `${id}-hint ` : ''}${id}-error"`;

/** GET /: the resident's report form (Chinese first). */
export function residentPage(lang: Lang): string {
  const t = TEXT[lang];
  // An empty first choice: a category picked for the resident would be one careless tap from a wrong one.
  const placeholder = `<option value="" selected>${escapeHtml(t.chooseCategory)}</option>`;
  const options = allCategories()
    .map(
      (category) =>
        `<option value="${escapeHtml(category.code)}">${escapeHtml(lang === 'zh' ? category.name : category.nameEn)}</option>`,
    )
    .join('');
  const where = (value: string, label: string, checked = false) =>
    `<label class="choice"><input type="radio" name="where" value="${value}"${checked ? ' checked' : ''}>${escapeHtml(label)}</label>`;
  const body = `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.intro)}</p>
<p id="script-needed" class="alert">${escapeHtml(t.scriptNeeded)}</p>
<form id="report" novalidate hidden>
<div id="summary" class="alert" role="alert" tabindex="-1" hidden></div>
${field('category', t.category, `<select id="category" name="category" aria-required="true" ${described('category', false)}>${placeholder}${options}</select>`)}
${field('description', t.description, `<textarea id="description" name="description" maxlength="2000" aria-required="true" ${described('description', true)}></textarea>`, t.descriptionHint)}
<fieldset id="location" aria-describedby="location-error"><legend>${escapeHtml(t.location)}</legend>
${where('address', t.byAddress, true)}${where('here', t.byPosition)}${where('grid', t.byGrid)}
<div data-where="grid" hidden><label for="grid-search">${escapeHtml(t.gridSearch)}</label>
<input id="grid-search" type="search" autocomplete="off" aria-controls="grid">
<label for="grid">${escapeHtml(t.grid)}</label><select id="grid" name="gridId" size="5" aria-describedby="grid-status"></select>
<p class="hint" id="grid-status" role="status"></p></div>
<div data-where="address"><label for="address">${escapeHtml(t.address)}</label>
<input id="address" name="address" maxlength="200" autocomplete="off" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="address-suggestions" aria-describedby="address-hint address-status"><p class="hint" id="address-hint">${escapeHtml(t.addressHint)}</p>
<ul id="address-suggestions" class="suggestions" role="listbox" hidden></ul><p class="hint" id="address-status" role="status"></p></div>
<div data-where="here" hidden><button type="button" class="secondary" id="locate">${escapeHtml(t.locate)}</button>
<p class="hint" id="locate-status" role="status"></p></div>
<p class="error" id="location-error"></p></fieldset>
<fieldset><legend>${escapeHtml(t.contact)}</legend>
${field('name', t.name, `<input id="name" name="name" maxlength="50" autocomplete="name" ${described('name', false)}>`)}
${field('phone', t.phone, `<input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" ${described('phone', false)}>`)}
${field('email', t.email, `<input id="email" name="email" type="email" autocomplete="email" ${described('email', false)}>`)}
<label class="choice"><input type="checkbox" name="anonymous" id="anonymous">${escapeHtml(t.anonymous)}</label></fieldset>
${photoField(lang)}
<button type="submit">${escapeHtml(t.submit)}</button></form>`;
  return layout({
    lang,
    title: t.title,
    body,
    script: assetUrl('resident.js'),
    data: { lang, t: scriptText(lang), photos: photoScriptText(lang) },
    switchHref: switchHref('/', lang),
  });
}
