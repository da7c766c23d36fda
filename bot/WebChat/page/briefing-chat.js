(function () {
  'use strict';

  var USER_KEY = 'briefingbot.user';

  function userId() {
    try {
      var saved = window.localStorage.getItem(USER_KEY);
      if (saved) {
        return saved;
      }
      var made = 'user-' + Math.random().toString(36).slice(2, 12);
      window.localStorage.setItem(USER_KEY, made);
      return made;
    } catch (e) {
      return 'user-' + Math.random().toString(36).slice(2, 12);
    }
  }

  function conversationKey(baseUrl) {
    return 'briefingbot.conversation:' + baseUrl;
  }

  // The conversation to resume: this tab's (sessionStorage, kept over reloads), else the visitor's latest
  // (localStorage, shared by the visitor's tabs), so a second tab joins the same conversation.
  function saved(baseUrl) {
    var stores = [window.sessionStorage, window.localStorage];
    for (var i = 0; i < stores.length; i++) {
      try {
        var conversation = JSON.parse(stores[i].getItem(conversationKey(baseUrl)) || 'null');
        if (conversation && conversation.token) {
          return conversation;
        }
      } catch (e) {
        /* storage may be unavailable or hold something else */
      }
    }
    return null;
  }

  function save(baseUrl, conversation) {
    var text = JSON.stringify(conversation);
    [window.sessionStorage, window.localStorage].forEach(function (store) {
      try {
        store.setItem(conversationKey(baseUrl), text);
      } catch (e) {
        /* storage may be unavailable: the conversation is then not resumed after a reload */
      }
    });
  }

  function errorOf(response, body) {
    var message = body && body.error && body.error.message;
    return new Error(message || ('HTTP ' + response.status));
  }

  function connect(baseUrl) {
    var previous = saved(baseUrl);
    var resume = previous && previous.token
      ? fetch(baseUrl + '/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + previous.token } })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (body) { return body && { token: body.token, conversationId: body.conversationId, resumed: true }; })
          .catch(function () { return null; })
      : Promise.resolve(null);
    return resume.then(function (resumed) {
      if (resumed) {
        return resumed;
      }
      return fetch(baseUrl + '/webchat/token', { method: 'POST', credentials: 'omit' }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (!response.ok || !body || !body.token) {
            throw errorOf(response, body);
          }
          return { token: body.token, conversationId: body.conversationId, resumed: false };
        });
      });
    });
  }

  var styleOptions = {
    accent: '#1d4f91',
    backgroundColor: '#f6f7f9',
    primaryFont: "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
    bubbleBackground: '#ffffff',
    bubbleBorderColor: '#dfe3ea',
    bubbleBorderRadius: 10,
    bubbleBorderWidth: 1,
    bubbleFromUserBackground: '#1d4f91',
    bubbleFromUserBorderColor: '#1d4f91',
    bubbleFromUserBorderRadius: 10,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 680,
    botAvatarInitials: 'BB',
    botAvatarBackgroundColor: '#1d4f91',
    hideUploadButton: true,
    sendBoxBackground: '#ffffff',
    sendBoxPlaceholderColor: '#6b7280',
    suggestedActionLayout: 'flow',
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: '#1d4f91',
    suggestedActionBorderRadius: 16,
    suggestedActionTextColor: '#1d4f91',
    timestampFormat: 'relative',
    typingAnimationDuration: 5000
  };

  /**
   * Starts the chat in `element`: a token from the bot's token endpoint (never a secret), then Web Chat over the
   * bot's own Direct Line. Resolves to { directLine, store }.
   */
  function mount(element, options) {
    var baseUrl = (options && options.baseUrl ? options.baseUrl : window.location.origin).replace(/\/+$/, '');
    return connect(baseUrl).then(function (conversation) {
      var directLine = window.WebChat.createDirectLine({
        token: conversation.token,
        domain: baseUrl + '/v3/directline',
        conversationId: conversation.resumed ? conversation.conversationId : undefined,
        watermark: conversation.resumed ? '' : undefined
      });
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' || action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              save(baseUrl, { token: directLine.token, conversationId: conversation.conversationId });
            }
            return next(action);
          };
        };
      });
      element.textContent = '';
      window.WebChat.renderWebChat({
        directLine: directLine,
        store: store,
        userID: userId(),
        username: 'You',
        locale: document.documentElement.lang || 'en-US',
        styleOptions: styleOptions
      }, element);
      return { directLine: directLine, store: store };
    });
  }

  window.BriefingChat = { mount: mount };
})();
