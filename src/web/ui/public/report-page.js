import { clear, h } from './dom.js';
import { publicCall, PublicApiError } from './public-api.js';

// 市民随手拍: the public report form. What the resident types is sent as form fields and never
// put into the page as markup; suggestions and file names are shown as text nodes only.

const form = document.getElementById('report-form');
const text = document.getElementById('text');
const count = document.getElementById('text-count');
const place = document.getElementById('place');
const list = document.getElementById('place-suggestions');
const chosen = document.getElementById('place-chosen');
const photos = document.getElementById('photos');
const photoList = document.getElementById('photo-list');
const contact = document.getElementById('contact');
const error = document.getElementById('report-error');
const done = document.getElementById('report-done');
const submit = document.getElementById('submit');

let token = null;
let limits = { text_min: 10, text_max: 1000, photos_max: 3, photo_max_bytes: 8_000_000 };
let picked = null; // { id, label } of a suggestion the resident chose
let suggestTimer;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function loadForm() {
  const f = await publicCall('GET', '/api/public/reports/form');
  token = f.form_token;
  limits = f.limits;
  document.getElementById('text-limit').textContent = `（${limits.text_min}–${limits.text_max} 字）`;
  document.getElementById('photo-limit').textContent = limits.photos_max
    ? `最多 ${limits.photos_max} 张，每张不超过 ${mb(limits.photo_max_bytes)}，JPEG、PNG 或 WebP 格式（苹果手机的 HEIC 请先改为「兼容性最佳」）`
    : '暂不接收照片';
  photos.disabled = !limits.photos_max;
  text.maxLength = limits.text_max;
  countText();
}

function countText() {
  const n = text.value.trim().length;
  count.textContent = `${n} / ${limits.text_max} 字${n > 0 && n < limits.text_min ? `，至少 ${limits.text_min} 字` : ''}`;
  count.classList.toggle('over', n > limits.text_max || (n > 0 && n < limits.text_min));
}
text.addEventListener('input', countText);

function showSuggestions(items) {
  clear(list);
  list.hidden = items.length === 0;
  place.setAttribute('aria-expanded', String(!list.hidden));
  for (const item of items) {
    list.append(h('li', { role: 'option', dataset: { id: item.id }, onmousedown: (e) => (e.preventDefault(), choose(item)) }, item.label));
  }
}

function choose(item) {
  picked = item;
  place.value = item.label;
  chosen.textContent = `已选择地名库中的地点：${item.label}`;
  showSuggestions([]);
}

place.addEventListener('input', () => {
  picked = null;
  chosen.textContent = '';
  clearTimeout(suggestTimer);
  const q = place.value.trim();
  if (!q) return showSuggestions([]);
  suggestTimer = setTimeout(async () => {
    try {
      const { items } = await publicCall('GET', `/api/public/places?q=${encodeURIComponent(q.slice(0, 40))}`);
      if (place.value.trim() === q) showSuggestions(items);
    } catch {
      showSuggestions([]); // typing the place is always possible
    }
  }, 200);
});
place.addEventListener('keydown', (e) => {
  const options = [...list.children];
  const at = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (!options.length) return;
    e.preventDefault();
    const next = (at + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
    options.forEach((o, i) => o.setAttribute('aria-selected', String(i === next)));
  } else if (e.key === 'Enter' && at >= 0) {
    e.preventDefault();
    options[at].dispatchEvent(new MouseEvent('mousedown'));
  } else if (e.key === 'Escape') showSuggestions([]);
});
place.addEventListener('blur', () => setTimeout(() => showSuggestions([]), 100));

photos.addEventListener('change', () => {
  clear(photoList);
  for (const f of photos.files) photoList.append(h('li', null, `${f.name}（${mb(f.size)}）${f.size > limits.photo_max_bytes ? ' — 超过大小上限' : ''}`));
});

function fail(message, field) {
  error.textContent = message;
  error.hidden = false;
  if (field) field.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const n = text.value.trim().length;
  if (n < limits.text_min) return fail(`问题描述至少 ${limits.text_min} 个字，请写清楚是什么问题、在哪里。`, text);
  if (photos.files.length > limits.photos_max) return fail(`照片最多 ${limits.photos_max} 张，您选了 ${photos.files.length} 张。`, photos);
  const body = new FormData();
  body.append('text', text.value);
  if (picked) body.append('place_id', picked.id);
  else if (place.value.trim()) body.append('place_text', place.value.trim());
  if (contact.value.trim()) body.append('contact', contact.value.trim());
  body.append('form_token', token || '');
  for (const f of photos.files) body.append('photos', f, f.name);
  submit.disabled = true;
  submit.textContent = '正在提交…';
  try {
    const r = await publicCall('POST', '/api/public/reports', body);
    document.getElementById('ref').textContent = r.ref;
    document.getElementById('status-link').setAttribute('href', `/report/status?ref=${encodeURIComponent(r.ref)}`);
    form.hidden = true;
    done.hidden = false;
    form.reset();
    picked = null;
    chosen.textContent = '';
    clear(photoList);
    await loadForm();
  } catch (err) {
    fail(err instanceof PublicApiError ? err.message : '提交失败，请稍后重试。');
  } finally {
    submit.disabled = false;
    submit.textContent = '提交反映';
  }
});

document.getElementById('another').addEventListener('click', () => {
  done.hidden = true;
  form.hidden = false;
  text.focus();
});

loadForm().catch((err) => fail(err instanceof PublicApiError ? err.message : '页面加载失败，请刷新重试。'));
