import { api, ApiError } from './api.js';
import { sameSitePath } from './dom.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

const setupForm = document.getElementById('setup-form');
const setupError = document.getElementById('setup-error');
const switchForm = document.getElementById('switch-form');
// Only a path on this site: an attacker's ?next=https://evil.example or /%09/evil.example is ignored.
const next = () => sameSitePath(new URLSearchParams(location.search).get('next') || '/') ?? '/';

/** The password form, or the one-time code form (?code opens it: an admin may send that link). */
function show(codeForm) {
  form.hidden = codeForm;
  setupForm.hidden = !codeForm;
  switchForm.textContent = codeForm ? '用密码登录' : '使用一次性代码';
  (codeForm ? setupForm.elements.name : form.elements.name).focus();
}
switchForm.addEventListener('click', () => show(form.hidden === false));
if (new URLSearchParams(location.search).has('code')) show(true);

setupForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = setupForm.elements;
  const fail = (message, field) => {
    setupError.textContent = message;
    setupError.hidden = false;
    if (field) field.focus();
  };
  setupError.hidden = true;
  if (!f.name.value.trim() || !f.code.value.trim() || !f.password.value) return fail('请填写用户名、一次性代码和新密码。', f.name);
  if (f.password.value !== f.again.value) return fail('两次输入的新密码不一样，请重新输入。', f.again);
  setupForm.querySelector('button').disabled = true;
  try {
    await api('POST', '/api/auth/setup-password', { name: f.name.value.trim(), code: f.code.value.trim(), password: f.password.value });
    location.assign(next());
  } catch (err) {
    fail(err instanceof ApiError ? err.message : '设置失败，请稍后重试。', err.field === 'password' ? f.password : undefined);
  } finally {
    setupForm.querySelector('button').disabled = false;
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  if (!name || !password) {
    error.textContent = '请输入用户名和密码。';
    error.hidden = false;
    return;
  }
  form.querySelector('button').disabled = true;
  try {
    await api('POST', '/api/auth/login', { name, password });
    location.assign(next());
  } catch (err) {
    error.textContent = err instanceof ApiError ? err.message : '登录失败，请稍后重试。';
    error.hidden = false;
    form.elements.password.value = '';
    form.elements.password.focus();
  } finally {
    form.querySelector('button').disabled = false;
  }
});
