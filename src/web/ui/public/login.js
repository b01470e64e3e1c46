import { api, ApiError } from './api.js';
import { sameSitePath } from './dom.js';

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
    // Only a path on this site: an attacker's ?next=https://evil.example or /%09/evil.example is ignored.
    location.assign(sameSitePath(new URLSearchParams(location.search).get('next') || '/') ?? '/');
  } catch (err) {
    error.textContent = err instanceof ApiError ? err.message : '登录失败，请稍后重试。';
    error.hidden = false;
    form.elements.password.value = '';
    form.elements.password.focus();
  } finally {
    form.querySelector('button').disabled = false;
  }
});
