import { get } from './api.js';
import { clear, h, time } from './dom.js';

const KIND = { place: '地点', community: '社区', street: '街道', district: '区' };

/**
 * A lead's 市民随手拍 reports for staff: reference number, the resident's status, the place as
 * picked from the gazetteer or typed, the contact (staff only), and the photos, shown as <img>
 * only (never links that open the file), each with its GPS place hint. Fills in when loaded.
 */
export function citizenReportsPanel(leadId) {
  const box = h('section', { class: 'citizen-reports', dataset: { leadId } }, h('p', { class: 'muted small' }, '正在加载市民随手拍…'));
  get(`/api/leads/${leadId}/citizen-reports`).then(({ reports }) => {
    clear(box).append(...reports.map(card));
  }).catch((err) => clear(box).append(h('p', { class: 'error' }, `市民随手拍加载失败：${err.message}`)));
  return box;
}

function card(r) {
  const known = [r.place.district, r.place.street, r.place.place].filter(Boolean).join(' ');
  const where = !r.place.text ? '未填写'
    : r.place.picked ? `${r.place.text}（从地名库选择：${KIND[r.place.kind] || r.place.kind}）`
    : `${r.place.text}（市民自行填写${known ? `，地名库中为 ${known}` : '，地名库中没有唯一对应的地点'}）`;
  return h('div', { class: 'citizen-report', dataset: { postId: r.post_id } },
    h('h3', null, '市民随手拍 ', h('span', { class: 'muted small' }, `受理编号 ${r.ref} · ${r.status_label} · 提交于 ${time(r.submitted_at)}`)),
    h('dl', null,
      h('dt', null, '市民所报地点'), h('dd', { class: 'citizen-place' }, where),
      h('dt', null, '联系方式（仅工作人员可见）'), h('dd', { class: 'citizen-contact' }, r.contact || '未留')),
    h('p', { class: 'muted small' }, '市民直接反映：不论系统判定如何都进入核实队列；文中没有可识别的地点时，以市民所报地点定位。'),
    r.photos.length
      ? h('div', { class: 'photos' }, r.photos.map((p, i) => h('figure', null,
        h('img', { src: p.url, alt: `市民上传的照片 ${i + 1}`, loading: 'lazy', referrerpolicy: 'no-referrer', width: p.width, height: p.height }),
        h('figcaption', { class: 'muted small' }, p.gps ? p.gps.note : '照片没有 GPS 信息'))))
      : h('p', { class: 'muted small' }, '没有照片'));
}
