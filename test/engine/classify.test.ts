import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/engine/classify.js';
import { loadEngine, type Engine } from '../../src/engine/engine.js';
import { evaluatePairs, labelSchema } from '../../src/engine/evaluation.js';

let engine: Engine;
beforeAll(() => {
  engine = loadEngine(path.resolve('rules'), { city: '深圳' });
});
const v = (text: string) => classify({ id: 't', text }, engine);

describe('classify: what is a lead and its category (cases written for these tests)', () => {
  it.each([
    ['manhole missing on a walkway', '福田区深南大道人行道上有个井盖不见了，晚上特别危险', 'municipal', 'urgent'],
    ['pothole (guide tie-break: road)', '龙岗大道辅道路面坑坑洼洼的，电动车过去颠得要命', 'road', 'normal'],
    ['blocked fire lane caused by cars (guide tie-break: fire_safety)', '小区消防通道又被私家车停满了，违停也没人贴罚单', 'fire_safety', 'normal'],
    ['flying-wire charging', '城中村好多人从窗户拉电线下来飞线充电，太吓人了', 'fire_safety', 'normal'],
    ['night construction', '都凌晨一点了隔壁工地还在打桩，震得床都在抖，有没有人管', 'noise', 'normal'],
    ['gas smell', '楼道里一股很浓的燃气味，不知道谁家漏了', 'municipal', 'urgent'],
    ['wage arrears', '包工头拖欠我们三个月工资，电话也不接了', 'labor', 'normal'],
    ['prepaid card', '办了年卡的游泳馆突然关门跑路了，老板失联', 'consumer', 'normal'],
    ['unhygienic restaurant', '那家饭店后厨到处都是蟑螂，菜就放地上', 'food_drug', 'normal'],
    ['lift broken', '我们楼的电梯又坏了，一个月坏三次，物业就是不修', 'property', 'normal'],
    ['shared bikes', '地铁口的共享单车乱停乱放，把路全堵了', 'traffic', 'normal'],
    ['traditional characters', '樓下燒烤檔油煙直排，熏到我屋企窗口，日日都係咁', 'pollution', 'normal'],
    ['fire in a building', '对面楼三楼着火了，一直冒黑烟，消防车还没到', 'fire_safety', 'urgent'],
    ['sinkhole', '路中间突然塌陷了一个大坑，车差点掉下去', 'road', 'urgent'],
  ])('%s', (_name, text, category, urgency) => {
    const verdict = v(text);
    expect(verdict.is_lead).toBe(true);
    expect(verdict.category).toBe(category);
    expect(verdict.urgency).toBe(urgency);
    expect(verdict.sub_item?.startsWith(`${category}.`)).toBe(true);
    expect(verdict.matched.length).toBeGreaterThan(0);
  });

  it.each([
    ['ad with phone number', '专业疏通下水道，井盖更换，全市上门服务，电话 138 1234 5678'],
    ['ad with contact', '灭火器年检充装一站式服务，优惠价，欢迎咨询加微信'],
    ['official notice of a fixed problem', '【已处置】网友反映的井盖缺失问题，相关部门已完成更换，感谢市民监督'],
    ['follow-up: fixed', '上周说的路灯终于修好了，晚上亮堂堂的'],
    ['fiction', '写了一个悬疑小说的开头：暴雨夜，井盖被冲开……'],
    ['another city', '广州番禺那边的小区楼道里全是电动车在充电'],
    ['Hong Kong place', '旺角西洋菜街的街头表演噪音好大，咪高峰开到最大'],
    ['a Shenzhen-named place inside another city ("白云区石井")', '白云区石井那边的河涌黑到发亮，臭得要死'],
    ['a neighbourhood of another city written without the city', '番禺市桥这边的菜市场门口全是走鬼，路都堵死了'],
    ['chit-chat', '今天深圳好热，出门五分钟就一身汗'],
    ['info question', '深圳停电通知一般在哪里看？有没有公众号推荐'],
    ['praise', '为龙华的环卫工人点赞，台风后半天就把倒伏的树清完了'],
    ['memory', '小时候住在城中村，一下雨巷子就水浸街，现在想起来还挺怀念'],
    ['recruitment', '急招保安，包吃住，月薪六千，工地门口面试'],
  ])('not a lead: %s', (_name, text) => {
    const verdict = v(text);
    expect(verdict.is_lead).toBe(false);
    expect(verdict.category).toBeNull();
    expect(verdict.urgency).toBeNull();
    expect(verdict.district).toBeNull();
  });

  it('a post in another city is not a lead even when the problem is clear, but a Shenzhen place wins', () => {
    expect(v('东莞凤岗这里的路面塌了一个大坑，从深圳平湖过来的朋友注意绕路').is_lead).toBe(false);
    expect(v('人都回湖南老家了，深圳沙井那个包工头还欠我们工钱').is_lead).toBe(true);
    expect(v('香港朋友来罗湖商业城买手机被强制加价，不给钱不让走').is_lead).toBe(true);
  });
});

describe('classify: urgency families (danger cue × hazard × immediacy; calm context)', () => {
  it.each([
    ['tilting tower crane over a road', '坂田这边工地的塔吊明显歪了，吊臂底下就是马路，车还在下面过', 'building'],
    ['balcony sagging over a playground', '对面楼一个阳台往下坠，和墙裂开一条缝，正下方就是儿童游乐区', 'building'],
    ['tree about to fall on a bus stop', '那棵大榕树整棵往马路这边歪过来了，根都翘起来，底下公交站一堆人，随时要倒', 'greenery'],
    ['child on an air-conditioner unit', '一个小男孩爬到窗户外面的空调外机上坐着，家里好像没大人', 'education'],
    ['rotten-egg smell in a stairwell (gas)', '一开单元门楼道里一股很冲的臭鸡蛋味，头都熏晕了', 'municipal'],
    ['people trapped by rising water', '河边平房水已经到腰了，阿婆和孙子困在二楼出不来', 'municipal'],
    ['live box standing in flood water', '路口的配电箱整个泡在积水里，一只狗蹚水过去直接抽搐倒下了', 'municipal'],
    ['lift dropping with people inside', '小区电梯突然从8楼往下滑到2楼才停，里面还关着人', 'property'],
    ['Cantonese: lift with people stuck', '電梯困咗人，我阿媽喺入面半個鐘喇', 'property'],
    ['smoke pouring from a factory', '厂房冒出好大的黑烟，还有爆炸声，附近的人都在往外跑', 'fire_safety'],
  ])('urgent: %s', (_name, text, category) => {
    const verdict = v(text);
    expect(verdict).toMatchObject({ is_lead: true, category, urgency: 'urgent' });
  });

  it.each([
    ['a feared fire is a hazard, not a fire', '楼道里堆满了纸箱和旧家具，万一着火了都跑不出去'],
    ['a loose (not missing) manhole cover', '人行道上有个井盖一直松动，踩上去会响，倒是没掉'],
    ['burning rubbish every evening is pollution', '田边每天傍晚都有人烧垃圾，黑烟直接飘进小区'],
    ['past event', '消防通道天天被车堵死，上个月有老人晕倒，救护车愣是开不进来'],
    ['rubbish "倒在地上" is not a person collapsing', '楼下的垃圾倒在地上没人收'],
    ['"马上就要倒闭" is a shop, not a structure', '这家店马上就要倒闭了，会员卡里的钱还没用完'],
    ['a tilting lamp post for months', '小区的路灯杆歪了好几个月了，也没人来扶'],
    ['a tile that fell last year', '外墙瓷砖去年掉过一块，物业一直没修'],
  ])('normal: %s', (_name, text) => {
    const verdict = v(text);
    expect(verdict.is_lead).toBe(true);
    expect(verdict.urgency).toBe('normal');
  });

  it.each([
    ['a simile', '我男朋友说话像煤气泄漏一样，无声无息就把我气炸了'],
    ['a joke about a manhole cover', '我的工资就像井盖，月初还在，月中就不见了'],
    ['fireworks', '今晚有烟花表演，火光冲天太好看了'],
    ['old footage', '朋友圈在转的那个小区着火视频，其实是三年前的，别传了'],
    ['a safety tip', '《消防安全知识》：发现燃气泄漏不要开关电器，先开窗通风'],
    ['a weather warning', '【暴雨橙色预警】请注意防范城市内涝、山洪及地质灾害，非必要不外出'],
    ['a rescue already done', '昨晚某小区电梯故障3人被困，消防员赶到将人全部救出，无人受伤'],
    ['finally fixed', '楼下那盏坏了大半年的路灯今天终于亮了！！谢谢12345'],
  ])('not a lead: %s', (_name, text) => {
    expect(v(text).is_lead).toBe(false);
  });

  it('calm context keeps a lead normal: the danger is over', () => {
    expect(v('路口的井盖不见了，晚上好危险').urgency).toBe('urgent');
    expect(v('前天路口的井盖不见了，现在已经好了，不过旁边的路灯还是不亮').urgency).not.toBe('urgent');
  });
});

describe('classify: location', () => {
  it.each([
    ['district named', '南山区这边路灯坏了一个月了', '南山区', null],
    ['street named', '西乡街道有个井盖丢了', '宝安区', '西乡街道'],
    ['district alias + street alias', '龙岗坂田这边欠薪的老板跑路了', '龙岗区', '坂田街道'],
    ['no place', '我们小区电梯又坏了，物业不管', null, null],
    ['two districts, no winner', '南山和福田的垃圾桶都满了没人收', null, null],
    ['destination counts less than the place', '罗湖火车站的出租车拒载，说去福田要一口价两百', '罗湖区', '南湖街道'],
    ['the IP location is never a place', '小区门口垃圾堆了一周没人清 IP属地：广东', null, null],
    ['nested weak names confirm each other', '光明新湖那个工地欠了工人一年工资', '光明区', '新湖街道'],
    ['a name inside the district before it keeps only that district', '坐标福永凤凰村，好多人飞线充电', '宝安区', '福永街道'],
    ['a numeral before a measure word is a count, not a place', '合水口这边电梯卡住了，里面有一个阿婆和一个小孩', '光明区', '马田街道'],
    ['"往X方向" is a direction, not the place', '北环往梅林方向那段右边车道有好几个坑', null, null],
  ])('%s', (_name, text, district, street) => {
    const verdict = v(text);
    expect(verdict.is_lead).toBe(true);
    expect(verdict.district).toBe(district);
    expect(verdict.street).toBe(street);
  });

  it('extracts the most specific place as the post words it', () => {
    expect(v('翻身路和建安一路交叉口的井盖不见了').place).toBe('翻身路和建安一路交叉口');
    expect(v('宝安福海街道有家早教中心跑路了，学费不退').place).toMatch(/^宝安福海街道/);
  });
});

describe('classify: spans', () => {
  it('spans are offsets into the given text, even with emoji, traditional characters and hashtags', () => {
    const text = '#深圳# 😡😡 @某某 樓下井蓋唔見咗，好危險！！';
    const verdict = v(text);
    expect(verdict.is_lead).toBe(true);
    const manhole = verdict.spans.find((s) => s.rule.startsWith('municipal.manhole'));
    expect(manhole).toBeDefined();
    expect(text.slice(manhole!.start, manhole!.end)).toBe('井蓋');
  });

  it('is pure: the same post gives the same verdict', () => {
    const text = '凌晨两点工地还在打桩，吵得睡不着';
    expect(v(text)).toEqual(v(text));
  });
});

describe('accuracy on labelled sets', () => {
  const measure = (file: string) =>
    evaluatePairs(
      readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
        const post = JSON.parse(line);
        return { label: labelSchema.parse(post.label), verdict: classify(post, engine) };
      }),
    );

  it.each([
    ['the spec sample (dev-posts.jsonl)', path.resolve('test/engine/fixtures/dev-posts.jsonl')],
    ['our own set (own-posts.jsonl)', path.resolve('test/engine/fixtures/own-posts.jsonl')],
    ['the generalisation set (generalise-posts.jsonl: urgent families and hard negatives)', path.resolve('test/engine/fixtures/generalise-posts.jsonl')],
  ])('meets the targets on %s', (_name, file) => {
    const r = measure(file);
    expect(r.leads.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.categoryAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(r.districtAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.urgentRecall).toBeGreaterThanOrEqual(0.9);
  });

  // Sets written blind (measured before any rule change for them, figures in the README), kept as
  // regression floors. Urgency on unseen wording is the known weak spot, so it is not asserted here.
  it.each(['blind-posts.jsonl', 'blind2-posts.jsonl', 'blind3-posts.jsonl'])('holds lead and category floors on %s', (name) => {
    const r = measure(path.resolve('test/engine/fixtures', name));
    expect(r.leads.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.categoryAccuracy).toBeGreaterThanOrEqual(0.85);
    expect(r.districtAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  // Blind sets A, B and D (120 posts each, written by people who never saw the rules). First-pass
  // figures: A F1 0.81 / urgent recall 0.33 (before the urgency families), B F1 0.87 / urgent
  // recall 0.74, D F1 0.91 / urgent recall 0.81. Floors sit a little below what the rules reach
  // now, urgency included.
  it.each(['blind-a-posts.jsonl', 'blind-b-posts.jsonl', 'blind-d-posts.jsonl'])('holds lead, category, district and urgency floors on %s', (name) => {
    const r = measure(path.resolve('test/engine/fixtures', name));
    expect(r.leads.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.categoryAccuracy).toBeGreaterThanOrEqual(0.93);
    expect(r.districtAccuracy).toBeGreaterThanOrEqual(0.93);
    expect(r.urgentRecall).toBeGreaterThanOrEqual(0.9);
  });

  // Blind set E (120 everyday, non-textbook situations): first pass F1 0.84 / category 0.875 /
  // urgent recall 0.60. Its labels put some incidents in categories the rules read otherwise
  // (stray dogs as `other`, a landlord cutting water as `property`), hence a lower category floor.
  it('holds lead, category, district and urgency floors on blind-e-posts.jsonl', () => {
    const r = measure(path.resolve('test/engine/fixtures', 'blind-e-posts.jsonl'));
    expect(r.leads.f1).toBeGreaterThanOrEqual(0.95);
    expect(r.categoryAccuracy).toBeGreaterThanOrEqual(0.87);
    expect(r.districtAccuracy).toBeGreaterThanOrEqual(0.93);
    expect(r.urgentRecall).toBeGreaterThanOrEqual(0.9);
  });
});
