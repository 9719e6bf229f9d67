/*
 * Resumable uploads for the upload page, when the browser runs script. Files go one at a time to /uploads with
 * the tus protocol, in pieces; a dropped connection is retried and the upload resumes where the server stands.
 * Without script the page is the plain form, which this file only enhances. Nothing is kept in the browser's
 * storage: a closed tab leaves no trace of an upload. Every word it shows comes from the page, in the page's
 * language: the panel's data attributes hold the sentences, with {0}, {1} where the script puts a number or a
 * name, and hidden elements in it the way the language writes sizes and times.
 */
(function () {
  'use strict';

  var form = document.getElementById('upload-form');
  var meta = document.querySelector('meta[name="_csrf"]');
  var panel = document.getElementById('resumable');
  if (!form || !meta || !panel || !window.tus || !window.tus.isSupported) {
    return;
  }
  var token = meta.getAttribute('content');
  var endpoint = form.getAttribute('data-uploads');
  var maxFile = Number(form.getAttribute('data-max-file'));
  var input = document.getElementById('files');
  var message = document.getElementById('message');
  var progress = document.getElementById('resumable-progress');
  var sentText = document.getElementById('resumable-sent');
  var speedText = document.getElementById('resumable-speed');
  var leftText = document.getElementById('resumable-left');
  var state = document.getElementById('resumable-state');
  var pause = document.getElementById('resumable-pause');
  var resume = document.getElementById('resumable-resume');
  var done = document.getElementById('resumable-done');
  document.getElementById('resumable-hint').hidden = false;
  var text = panel.dataset;
  var language = document.documentElement.lang;
  var SIZES = document.getElementById('resumable-sizes').textContent.split('|');
  var RATES = document.getElementById('resumable-rates').textContent.split('|');
  var DURATIONS = document.getElementById('resumable-durations').textContent.split('|');

  // Tor circuits drop and come back: keep trying for a long while before asking the person.
  var RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000, 120000, 120000];
  var CHUNK = 8 * 1024 * 1024;

  var files = [];
  var index = 0;
  var finishedBytes = 0;
  var totalBytes = 0;
  var current = null;
  var samples = [];

  // Puts values into a sentence from the page: {0} is the first, {1} the second.
  function fill(pattern) {
    var values = Array.prototype.slice.call(arguments, 1);
    return pattern.replace(/\{(\d)\}/g, function (whole, i) {
      return String(values[Number(i)]);
    });
  }

  // Digits as the page's language writes them, where the browser knows it; plain digits otherwise.
  function number(value, fractionDigits) {
    try {
      return new Intl.NumberFormat(language, { maximumFractionDigits: fractionDigits }).format(value);
    } catch (e) {
      return fractionDigits > 0 ? value.toFixed(fractionDigits) : String(value);
    }
  }

  function sized(bytes, patterns) {
    var i = 0;
    while (bytes >= 1024 && i < patterns.length - 1) {
      bytes /= 1024;
      i++;
    }
    return fill(patterns[i], number(i === 0 ? Math.round(bytes) : bytes, i === 0 ? 0 : 1));
  }

  function size(bytes) {
    return sized(bytes, SIZES);
  }

  function duration(seconds) {
    if (!isFinite(seconds)) {
      return '';
    }
    var s = Math.round(seconds);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var written = h > 0 ? fill(DURATIONS[0], number(h, 0), number(m, 0), number(s % 60, 0))
      : m > 0 ? fill(DURATIONS[1], number(m, 0), number(s % 60, 0)) : fill(DURATIONS[2], number(s % 60, 0));
    return fill(text.left, written);
  }

  function sending() {
    return fill(text.sending, number(index + 1, 0), number(files.length, 0));
  }

  function show(sent) {
    var now = Date.now();
    samples.push([now, sent]);
    while (samples.length > 2 && now - samples[0][0] > 10000) {
      samples.shift();
    }
    progress.value = totalBytes === 0 ? 1000 : Math.floor(1000 * sent / totalBytes);
    sentText.textContent = size(sent) + ' / ' + size(totalBytes);
    var first = samples[0];
    var seconds = (now - first[0]) / 1000;
    if (seconds > 1) {
      var rate = (sent - first[1]) / seconds;
      speedText.textContent = '· ' + sized(rate, RATES);
      leftText.textContent = rate > 0 ? '· ' + duration((totalBytes - sent) / rate) : '';
    }
  }

  // The server's own sentence when it refused the upload in words (plain text, in the page's language);
  // otherwise the page's.
  function refusal(error) {
    var response = error && error.originalResponse;
    var type = response ? response.getHeader('Content-Type') || '' : '';
    var body = response && type.indexOf('text/plain') === 0 ? response.getBody() : '';
    return body && body.length < 300 ? body : text.stopped;
  }

  function startNext() {
    if (index >= files.length) {
      allDone();
      return;
    }
    var file = files[index];
    state.textContent = sending();
    current = new window.tus.Upload(file, {
      endpoint: endpoint,
      chunkSize: CHUNK,
      retryDelays: RETRY_DELAYS,
      headers: { 'X-CSRF-TOKEN': token },
      metadata: { filename: file.name },
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: true,
      onProgress: function (sent) {
        show(finishedBytes + sent);
      },
      onSuccess: function () {
        finishedBytes += file.size;
        index++;
        startNext();
      },
      onError: function (error) {
        state.textContent = refusal(error);
        pause.hidden = true;
        resume.hidden = false;
      }
    });
    current.start();
  }

  function allDone() {
    current = null;
    panel.hidden = true;
    input.value = '';
    if (message && message.value.trim() !== '') {
      // The message goes through the form as always; the files have already arrived.
      form.submit();
      return;
    }
    form.reset();
    done.hidden = false;
  }

  pause.addEventListener('click', function () {
    if (current) {
      current.abort();
      state.textContent = text.paused;
      pause.hidden = true;
      resume.hidden = false;
    }
  });

  resume.addEventListener('click', function () {
    if (current) {
      samples = [];
      state.textContent = sending();
      resume.hidden = true;
      pause.hidden = false;
      current.start();
    }
  });

  form.addEventListener('submit', function (event) {
    var chosen = Array.prototype.slice.call(input.files || []);
    if (chosen.length === 0 || current) {
      return;
    }
    for (var i = 0; i < chosen.length; i++) {
      if (chosen[i].size > maxFile) {
        event.preventDefault();
        state.textContent = fill(text.tooLarge, chosen[i].name, size(maxFile));
        panel.hidden = false;
        pause.hidden = true;
        return;
      }
    }
    event.preventDefault();
    files = chosen;
    index = 0;
    finishedBytes = 0;
    totalBytes = chosen.reduce(function (sum, f) { return sum + f.size; }, 0);
    samples = [];
    done.hidden = true;
    panel.hidden = false;
    pause.hidden = false;
    resume.hidden = true;
    show(0);
    startNext();
  });
}());
