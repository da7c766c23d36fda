/*
 * BriefingBot chat bubble. Add to any page of an allowed origin (DirectLine:AllowedOrigins):
 *   <script src="https://your-bot-host/embed.js" defer></script>
 */
(function () {
  'use strict';
  if (window.__briefingBotEmbed) {
    return;
  }
  window.__briefingBotEmbed = true;

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var baseUrl = new URL(script.src, window.location.href).origin;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = function () { reject(new Error('Could not load ' + (attributes.src || attributes.href))); };
      document.head.appendChild(element);
    });
  }

  function start() {
    load('link', { rel: 'stylesheet', href: baseUrl + '/briefing-chat.css' });

    var bubble = document.createElement('button');
    bubble.type = 'button';
    bubble.className = 'briefingbot-bubble';
    bubble.setAttribute('aria-label', 'Chat with BriefingBot');
    bubble.setAttribute('aria-expanded', 'false');
    bubble.innerHTML = '<svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 5v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z"/></svg>';

    var panel = document.createElement('section');
    panel.className = 'briefingbot-panel';
    panel.hidden = true;
    panel.setAttribute('aria-label', 'BriefingBot chat');
    panel.innerHTML = '<header class="briefingbot-panel__header"><span class="briefingbot-logo" aria-hidden="true">B</span>' +
      '<div class="briefingbot-panel__title"><strong>BriefingBot</strong><small>AI answers, sources quoted</small></div>' +
      '<button type="button" class="briefingbot-panel__close" aria-label="Close the chat">&times;</button></header>' +
      '<div class="briefingbot-panel__chat"><p class="briefingbot-status" role="status">Connecting&hellip;</p></div>';

    document.body.appendChild(panel);
    document.body.appendChild(bubble);

    var started = null;
    function open(show) {
      panel.hidden = !show;
      bubble.setAttribute('aria-expanded', String(show));
      if (!show || started) {
        return;
      }
      var chat = panel.querySelector('.briefingbot-panel__chat');
      started = (window.WebChat ? Promise.resolve() : load('script', { src: baseUrl + '/webchat.js' }))
        .then(function () { return window.BriefingChat ? null : load('script', { src: baseUrl + '/briefing-chat.js' }); })
        .then(function () { return window.BriefingChat.mount(chat, { baseUrl: baseUrl }); })
        .catch(function (error) {
          started = null;
          chat.querySelector('.briefingbot-status') && (chat.querySelector('.briefingbot-status').textContent = 'The chat cannot start: ' + error.message);
        });
    }

    bubble.addEventListener('click', function () { open(panel.hidden); });
    panel.querySelector('.briefingbot-panel__close').addEventListener('click', function () { open(false); });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
