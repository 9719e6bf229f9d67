// Security keys in the Postern console: enrolment on /account/security-keys and the key half of a login on
// /login/key. Served from the console's own origin under a CSP without 'unsafe-inline'. Everything else in
// the console works with JavaScript off; a key cannot, because only script can reach it.
'use strict';
(function () {
  function fromBase64Url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) {
      base64 += '=';
    }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes.buffer;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) {
      binary += String.fromCharCode(bytes[i]);
    }
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      return { type: d.type, id: fromBase64Url(d.id), transports: d.transports };
    });
  }

  function say(text) {
    document.getElementById('key-status').textContent = text;
  }

  function post(form, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    headers[form.dataset.csrfHeader] = form.dataset.csrfToken;
    return fetch(path, {
      method: 'POST', headers: headers, credentials: 'same-origin', redirect: 'error',
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('status ' + response.status);
      }
      return response.json();
    });
  }

  function enrol(form) {
    var label = document.getElementById('key-label').value.trim();
    if (!label) {
      say('Give the key a name first.');
      return Promise.resolve();
    }
    say('Touch your security key when your browser asks.');
    return post(form, '/webauthn/register/options').then(function (options) {
      var publicKey = Object.assign({}, options, {
        challenge: fromBase64Url(options.challenge),
        user: Object.assign({}, options.user, { id: fromBase64Url(options.user.id) }),
        excludeCredentials: descriptors(options.excludeCredentials)
      });
      return navigator.credentials.create({ publicKey: publicKey });
    }).then(function (credential) {
      var response = credential.response;
      return post(form, '/webauthn/register', {
        publicKey: {
          label: label,
          credential: {
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            response: {
              attestationObject: toBase64Url(response.attestationObject),
              clientDataJSON: toBase64Url(response.clientDataJSON),
              transports: response.getTransports ? response.getTransports() : []
            },
            clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment
          }
        }
      });
    }).then(function (result) {
      if (!result || !result.success) {
        throw new Error('not registered');
      }
      // Adding a key ends every session of the account; the next login can use it.
      window.location.assign('/login?key-added');
    });
  }

  function logIn(form) {
    say('Use your security key when your browser asks.');
    return post(form, '/webauthn/authenticate/options').then(function (options) {
      var publicKey = Object.assign({}, options, {
        challenge: fromBase64Url(options.challenge),
        allowCredentials: descriptors(options.allowCredentials)
      });
      return navigator.credentials.get({ publicKey: publicKey });
    }).then(function (credential) {
      var response = credential.response;
      return post(form, '/login/webauthn', {
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        type: credential.type,
        response: {
          authenticatorData: toBase64Url(response.authenticatorData),
          clientDataJSON: toBase64Url(response.clientDataJSON),
          signature: toBase64Url(response.signature),
          userHandle: response.userHandle ? toBase64Url(response.userHandle) : null
        },
        clientExtensionResults: credential.getClientExtensionResults(),
        authenticatorAttachment: credential.authenticatorAttachment
      });
    }).then(function (result) {
      var next = result && result.redirectUrl;
      // Only a path on this console, never another site.
      window.location.assign(typeof next === 'string' && /^\/(?![\/\\])/.test(next) ? next : '/');
    });
  }

  function wire(id, action, failure) {
    var form = document.getElementById(id);
    if (!form) {
      return;
    }
    if (!window.PublicKeyCredential || !navigator.credentials) {
      say('This browser cannot use security keys here.');
      return;
    }
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      action(form).catch(failure);
    });
  }

  wire('enrol-key', enrol, function () {
    say('The key was not added. Try again, or use another key.');
  });
  wire('key-login', logIn, function () {
    // One message for every failure, as on the password form.
    window.location.assign('/login?error');
  });
})();
