import { clear, h, time } from './dom.js';
import { publicCall, PublicApiError } from './public-api.js';

// 市民随手拍: a report's progress by its reference number (status and times only).

const form = document.getElementById('status-form');
const input = document.getElementById('ref-input');
const error = document.getElementById('status-error');
const result = document.getElementById('status-result');

async function look(ref) {
  error.hidden = true;
  result.hidden = true;
  try {
    const s = await publicCall('GET', `/api/public/reports/${encodeURIComponent(ref)}`);
    clear(result).append(
      h('h2', null, '当前状态：', h('span', { id: 'status-label' }, s.status_label)),
      h('ol', { class: 'steps' }, s.steps.map((step) => h('li', { class: `${step.status}${step.reached ? ' reached' : ''}` }, step.label))),
      h('p', null, '受理编号：', h('strong', { class: 'ref' }, s.ref)),
      h('p', { class: 'muted' }, `提交时间：${time(s.submitted_at)}（北京时间） · 最近更新：${time(s.updated_at)}`),
      s.status === 'declined' ? h('p', { class: 'muted small' }, '经核实，此反映不属于受理范围或信息不足。如有新的情况，欢迎重新反映，或拨打 12345 热线。') : null,
    );
    result.hidden = false;
  } catch (err) {
    error.textContent = err instanceof PublicApiError ? err.message : '查询失败，请稍后重试。';
    error.hidden = false;
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const ref = input.value.trim();
  if (!ref) {
    error.textContent = '请输入受理编号。';
    error.hidden = false;
    return input.focus();
  }
  history.replaceState(null, '', `/report/status?ref=${encodeURIComponent(ref)}`);
  look(ref);
});

const given = new URLSearchParams(location.search).get('ref');
if (given) {
  input.value = given.slice(0, 60);
  look(input.value);
}
