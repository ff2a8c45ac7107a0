/**
 * The check button of the settings pages: asks the Vereinsraum server for the
 * tenant's public information, from this browser (so the server sees this
 * site's origin, as it will for visitors), and says in plain words what the
 * answer means. It checks what is in the fields, saved or not.
 */
(function () {
  'use strict';

  var __ = wp.i18n.__;
  var sprintf = wp.i18n.sprintf;
  var button = document.getElementById('vereinsraum-check');
  var result = document.getElementById('vereinsraum-check-result');
  if (!button || !result) {
    return;
  }

  function show(kind, text) {
    result.className = 'notice inline notice-' + kind;
    result.textContent = '';
    var paragraph = document.createElement('p');
    paragraph.textContent = text;
    result.appendChild(paragraph);
  }

  function problemOf(response) {
    return response.json().then(
      function (body) {
        return body && typeof body === 'object' ? body : {};
      },
      function () {
        return {};
      },
    );
  }

  button.addEventListener('click', function () {
    var server = document.getElementById('vereinsraum-server').value.trim().replace(/\/+$/, '') || button.dataset.networkServer;
    var tenant = document.getElementById('vereinsraum-tenant').value.trim().toLowerCase() || button.dataset.networkTenant;
    var origin = window.location.origin;
    var home = button.dataset.home;
    var elsewhere =
      home && home !== origin
        ? ' ' +
          sprintf(
            /* translators: 1: the origin of this admin page, 2: the origin of the website's pages */
            __('This check ran from %1$s, but your pages are on %2$s: that origin must be allowed too.', 'vereinsraum'),
            origin,
            home,
          )
        : '';
    if (!server || !tenant) {
      show('warning', __('Enter the server address and the tenant first.', 'vereinsraum'));
      return;
    }
    var url;
    try {
      url = new URL('/v1/tenants/' + encodeURIComponent(tenant), server);
    } catch (error) {
      show('error', sprintf(/* translators: %s: the server address */ __('“%s” is not a server address.', 'vereinsraum'), server));
      return;
    }
    button.disabled = true;
    show('info', __('Asking the server …', 'vereinsraum'));
    fetch(url, { credentials: 'omit', cache: 'no-store' })
      .then(function (response) {
        return problemOf(response).then(function (body) {
          if (response.ok) {
            show(
              'success',
              sprintf(
                /* translators: 1: this site's origin, 2: the tenant id, 3: the tenant's name */
                __('All set: pages of this site (%1$s) may use the tenant “%2$s” (%3$s).', 'vereinsraum'),
                origin,
                tenant,
                body.name || tenant,
              ) + elsewhere,
            );
          } else if (body.code === 'origin_not_allowed') {
            show(
              'error',
              sprintf(
                /* translators: 1: this site's origin, 2: the tenant id */
                __(
                  'This site (%1$s) is not enabled for “%2$s” yet. Ask your Vereinsraum operator to add %1$s to the tenant’s allowed origins (allowedOrigins). Until then, visitors see an apology instead of the button.',
                  'vereinsraum',
                ),
                origin,
                tenant,
              ) + elsewhere,
            );
          } else if (body.code === 'tenant_not_found') {
            show(
              'error',
              sprintf(
                /* translators: %s: the tenant id */
                __('The server does not know the tenant “%s”. Check the spelling, or ask your operator for your tenant id.', 'vereinsraum'),
                tenant,
              ),
            );
          } else {
            show(
              'error',
              sprintf(
                /* translators: 1: HTTP status code, 2: the server's explanation */
                __('The server refused (%1$s): %2$s', 'vereinsraum'),
                response.status,
                body.detail || body.title || response.statusText,
              ),
            );
          }
        });
      })
      .catch(function () {
        show(
          'error',
          sprintf(
            /* translators: %s: the server address */
            __(
              'No answer from %s. Check the address. If it is right, the server is not reachable right now, or something in front of it does not let this site ask: tell your operator.',
              'vereinsraum',
            ),
            server,
          ),
        );
      })
      .finally(function () {
        button.disabled = false;
      });
  });
})();
