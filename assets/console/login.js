'use strict';
smTranslate(document);
if (new URLSearchParams(location.search).get('error') === 'wrong') {
  const error = document.getElementById('error');
  error.textContent = t('wrong_login');
  error.hidden = false;
}
