import { h } from './dom.js';

const DECIDED = {
  'rules+model': '规则命中，模型也判定为线索',
  model: '规则未命中，由模型判定为线索',
  model_veto: '规则命中，但模型认为不是线索（已拦下）',
  exclusion: '排除规则拦下（如广告、已处理的通报）',
  outside: '问题发生在外地，不属本辖区',
  neither: '规则与模型都不认为是线索',
};
const LOCALITY = { place: '帖子提到本市地点', platform: '来自本地平台', ip: '仅 IP 属地在本地', none: '没有本地依据（排序靠后）' };
const pct = (p) => `${Math.round(p * 100)}%`;

/**
 * 判定依据: which evidence decided (rules, model, both), the model's probabilities and the words
 * that weighed most. Shared by the lead page and 可能遗漏. Text comes from posts: text nodes only.
 */
export function evidenceView(evidence, categoryName) {
  if (!evidence) return h('p', { class: 'muted small' }, '仅按规则判定（当时没有启用模型）。');
  const m = evidence.model;
  const chips = (list) => list.map((c) => h('span', { class: 'chip' }, c.text));
  return h('dl', { class: 'evidence' },
    h('dt', null, '结论'), h('dd', null, DECIDED[evidence.decided_by] || evidence.decided_by),
    h('dt', null, '规则'), h('dd', null, evidence.rules_lead ? `命中，得分 ${evidence.rules_score.toFixed(2)}` : evidence.rules_score > 0 ? `部分命中，得分 ${evidence.rules_score.toFixed(2)}（未达阈值）` : '未命中'),
    m ? [h('dt', null, '模型'), h('dd', { title: `模型版本 ${m.version}` }, m.category
      ? `是线索的概率 ${pct(m.p_lead)}；分类倾向「${categoryName(m.category)}」${pct(m.p_category)}；紧急概率 ${pct(m.p_urgent)}`
      : `是线索的概率 ${pct(m.p_lead)}（远低于各项门槛，未细算分类与紧急程度）`)] : null,
    m && m.for.length ? [h('dt', null, '支持的词'), h('dd', { class: 'chips for' }, chips(m.for))] : null,
    m && m.against.length ? [h('dt', null, '反对的词'), h('dd', { class: 'chips against' }, chips(m.against))] : null,
    evidence.urgency_by ? [h('dt', null, '紧急依据'), h('dd', null, evidence.urgency_by === 'rules' ? '紧急规则命中' : '模型判断为紧急')] : null,
    h('dt', null, '本地依据'), h('dd', null, LOCALITY[evidence.locality] || evidence.locality));
}
