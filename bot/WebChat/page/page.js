(function () {
  'use strict';
  var element = document.getElementById('chat');
  if (!window.WebChat) {
    element.querySelector('.briefingbot-status').textContent =
      'The chat cannot start: webchat.js (botframework-webchat) is missing. Build the bot with access to the npm registry.';
    return;
  }
  window.BriefingChat.mount(element, { baseUrl: window.location.origin }).then(function (chat) {
    window.directLine = chat.directLine;
  }, function (error) {
    element.querySelector('.briefingbot-status').textContent = 'The chat cannot start: ' + error.message;
  });
})();
