import { afterAll, beforeAll, expect, it } from 'vitest';
import { leadStepFor } from '../../src/leads/lead-step.js';
import { encodeModel } from '../../src/model/model-file.js';
import { ModelStore } from '../../src/model/model-store.js';
import { PostPipeline } from '../../src/pipeline/post-pipeline.js';
import { storePosts } from '../../src/storage/posts.js';
import { tempContext, type TempContext } from '../helpers/temp-context.js';
import { smallFit } from './small-model.js';

let ctx: TempContext;
beforeAll(() => {
  ctx = tempContext();
});
afterAll(() => ctx?.cleanup());

const evidenceOf = (platformPostId: string) =>
  JSON.parse((ctx.db.prepare('SELECT l.evidence FROM leads l JOIN lead_posts lp ON lp.lead_id = l.id JOIN posts p ON p.id = lp.post_id WHERE p.platform_post_id = ?').get(platformPostId) as { evidence: string }).evidence);

it('the running pipeline judges with the shipped model, takes an activated one on its next batch and goes back on rollback, without a restart', () => {
  const pipeline = new PostPipeline(ctx.db, [leadStepFor(ctx)]);
  const post = (id: string, text: string) => storePosts(ctx.db, [{ platform: 'weibo', platformPostId: id, text, raw: '{}', ipLocation: '广东' }]);

  post('a', '福田区梅林路的井盖不见了，晚上路过的人很容易踩空，已经好几天了');
  pipeline.drain();
  expect(evidenceOf('a').model.version).toMatch(/^default-/);

  const store = new ModelStore(ctx.config.dataDir);
  const version = store.save(encodeModel(smallFit().model), {}, {});
  store.activate(version, 'test');
  post('b', '南山区科技园那边的路灯一整排都不亮，晚上黑漆漆的，走路都看不见');
  pipeline.drain();
  expect(evidenceOf('b').model.version).toBe(version);

  store.rollback('test');
  post('c', '宝安区西乡街道流塘那个垃圾站好几天没人清，臭得整条街都闻到了');
  pipeline.drain();
  expect(evidenceOf('c').model.version).toMatch(/^default-/);
});
