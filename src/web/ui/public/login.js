import { api, ApiError } from './api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

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
    const next = new URLSearchParams(location.search).get('next') || '/';
    // Only a same-site path: an attacker's ?next=https://evil.example is ignored.
    // ("//host" and "/\\host" are other sites to a browser.)
    location.assign(/^\/(?![\/\\])/.test(next) ? next : '/');
  } catch (err) {
    error.textContent = err instanceof ApiError ? err.message : '登录失败，请稍后重试。';
    error.hidden = false;
    form.elements.password.value = '';
    form.elements.password.focus();
  } finally {
    form.querySelector('button').disabled = false;
  }
});
