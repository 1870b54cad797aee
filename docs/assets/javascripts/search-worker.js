/* The site's search engine (README.md, "How search works"), in the worker the theme's
   configuration names (overrides/main.html), answering the theme's messages (9.x):
     {type: 0, data: {config, docs, options}}  ->  {type: 1}
     {type: 2, data: "query"}                  ->  {type: 3, data: {items, suggest}}
   items being result entries grouped by page, best first. Text and query go through one
   function, `units`, so they always agree; an entry ranks by the longest unbroken run of
   the query it holds, then by how much of it it holds, rare units weighing more. Parts:
   normalise, index, read the query, rank, results. */
(function (scope) {
  "use strict"

  var HAN = /\p{sc=Han}/u
  var TOKEN = /\p{sc=Han}|(?:(?!\p{sc=Han})[\p{L}\p{N}\p{M}])+(?:['’‘ʼ](?:(?!\p{sc=Han})[\p{L}\p{N}\p{M}])+)*/gu
  var STOP = new Set(("a an and are as at be but by do for from has have i if in is it its of on or so " +
    "that the their there they this to was we what when which who will with you your").split(" "))
  /* On equal terms a quote is a better answer than the section around it, even when the
     section's heading holds the words too (that adds at most 0.5 to a full run's 4). */
  var QUOTE_BOOST = 1.15
  /* Entries scoring below this share of the best are noise, not answers. */
  var CUTOFF = 0.35
  /* A near word (a typo, a British spelling) or a guessed space weighs this share of the
     word, so exact matches rank first. */
  var NEAR = 0.6
  /* Typos are read only in words this long: shorter ones have too many neighbours. */
  var TYPO_LENGTH = 5
  var SNIPPET = 220
  /* Between two marked words for one mark: spaces, or what joins a term ("R&D", "GPT-4"). */
  var JOINED = /^(?:\s*|[&\-+\/.'’]+)$/
  /* What a snippet may not end inside: a word or a term ("R&D", "$2"). */
  var UNCUT = /[^\s\p{sc=Han}]/u
  var NUMBER_WORDS = { zero: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6",
    seven: "7", eight: "8", nine: "9", ten: "10", fold: "times" }
  var FOLD = /^(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand|million|billion|trillion)(fold)$/
  var HAN_DIGITS = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
  var HAN_TENS = { 十: 10, 百: 100, 千: 1000 }

  /* -- Normalise: the same for the text and the query -- */

  /* English words to a common stem: "hallucinations", "hallucination"; "trained", "training". */
  function stem(word) {
    if (word.length <= 3) return word
    if (/ies$/.test(word) && word.length > 4) word = word.slice(0, -3) + "y"
    else if (/sses$/.test(word)) word = word.slice(0, -2)
    else if (/[^sui]s$/.test(word)) word = word.slice(0, -1)
    var base = word.replace(/(ing|ed)$/, "")
    if (base !== word && base.length >= 3 && /[aeiouy]/.test(base)) word = base
    if (/([bdgmnprt])\1$/.test(word)) word = word.slice(0, -1)
    if (word.length > 3) word = word.replace(/e$/, "")
    return word
  }

  /* A word (not Han): case, width, apostrophes and possessives dropped; "one" is "1". */
  function normal(token) {
    var word = token.normalize("NFKC").toLowerCase().replace(/[’‘ʼ]/g, "'")
    word = word.replace(/'s$|'$/, "").replace(/'/g, "")
    return { raw: word, unit: stem(NUMBER_WORDS[word] || word) }
  }

  /* Tokens of a plain text with their offsets, normal form (`unit`) and unstemmed form: Han
     characters one by one, traditional ones mapped to simplified (config.variants, from
     OpenCC's tables); "billionfold" as "billion times"; Chinese numerals as digits. */
  function units(text, variants) {
    var out = []
    TOKEN.lastIndex = 0
    for (var match; (match = TOKEN.exec(text)); ) {
      var start = match.index
      var end = start + match[0].length
      var han = HAN.test(match[0]) && (variants[match[0]] || match[0])
      var form = han ? { raw: han, unit: han } : normal(match[0])
      var fold = FOLD.exec(form.raw)
      if (fold) {
        var cut = end - fold[2].length
        out.push({ start: start, end: cut, unit: normal(fold[1]).unit, raw: fold[1], han: false })
        out.push({ start: cut, end: end, unit: normal(fold[2]).unit, raw: fold[2], han: false })
      } else out.push({ start: start, end: end, unit: form.unit, raw: form.raw, han: !!han })
    }
    return numerals(out)
  }

  /* A run of Chinese numerals as one token of digits; 万 and 亿 stay units of their own, as
     the text writes "10亿", "2万亿", "100万". */
  function numerals(tokens) {
    var out = []
    for (var i = 0; i < tokens.length; i = k) {
      var k = i
      while (k < tokens.length && tokens[k].han && (tokens[k].unit in HAN_DIGITS || tokens[k].unit in HAN_TENS) &&
        (k === i || tokens[k].start === tokens[k - 1].end)) k++
      if (k === i) out.push(tokens[k++])
      else {
        var value = numeral(tokens.slice(i, k).map(function (t) { return t.unit }))
        out.push({ start: tokens[i].start, end: tokens[k - 1].end, unit: value, raw: value, han: true })
      }
    }
    return out
  }

  /* "十" 10, "二十五" 25, "一百零五" 105; digits alone in order: "二〇二六" 2026. */
  function numeral(characters) {
    var value = 0
    var digits = ""
    characters.forEach(function (c) {
      if (c in HAN_TENS) {
        value += (+digits || 1) * HAN_TENS[c]
        digits = ""
      } else digits += HAN_DIGITS[c]
    })
    return value ? String(value + +digits) : digits
  }

  /* Two words one edit apart: a letter added, dropped, changed, or two swapped. British and
     American spellings are, once stemmed ("verticalisation", "colour", "centre", "catalogue"). */
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false
    var i = 0
    while (a[i] === b[i]) i++
    if (a.length !== b.length) return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
    return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  }

  function plain(html) {
    return html
      .replace(/<[^>]*>/g, " ")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#0?39;/g, "'")
      .replace(/&nbsp;/g, " ").replace(/&amp;/g, "&")
      .replace(/\u200b/g, "")
      .replace(/\s+/g, " ").trim()
  }

  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")
  }

  /* Where `run` first stands in `tokens`, or -1. */
  function find(tokens, run) {
    for (var i = 0; i + run.length <= tokens.length; i++)
      if (run.every(function (t, k) { return tokens[i + k].unit === t.unit })) return i
    return -1
  }

  /* -- Index -- */

  function Index(config, docs, options) {
    var variants = this.variants = config.variants || {}
    var synonyms = this.synonyms = (config.synonyms || []).map(function (group) {
      return group.map(function (spelling) { return { text: spelling, units: units(spelling, variants) } })
    })
    this.suggest = !!(options && options.suggest)
    this.entries = docs.map(function (doc) {
      var title = plain(doc.title || "")
      var text = plain(doc.text || "")
      var fields = [units(title, variants), units(text, variants)]
      return {
        doc: doc,
        title: title,
        text: text,
        page: doc.location.split("#")[0],
        quote: !!doc.quote,
        // Fields 0 and 1 are shown; field 2, the other spellings of what they hold, is not.
        fields: fields.concat([aliases(fields, synonyms)])
      }
    })
    this.byLocation = new Map(this.entries.map(function (e) { return [e.doc.location, e] }))
    var df = this.df = new Map()
    this.entries.forEach(function (entry) {
      var seen = new Set()
      entry.fields.forEach(function (tokens) {
        tokens.forEach(function (t) { seen.add(t.unit) })
      })
      seen.forEach(function (unit) { df.set(unit, (df.get(unit) || 0) + 1) })
    })
    // The words a typo may stand for.
    this.words = Array.from(df.keys()).filter(function (unit) {
      return unit && unit.length >= TYPO_LENGTH - 1 && /^\p{L}/u.test(unit) && !HAN.test(unit)
    })
  }

  /* The search dictionary's other spellings of every group the fields hold; each token
     `shows` the spelling the text holds, for the page's highlighter. */
  function aliases(fields, synonyms) {
    var out = []
    synonyms.forEach(function (group) {
      var held = group.filter(function (spelling) {
        return fields.some(function (tokens) { return find(tokens, spelling.units) >= 0 })
      })
      if (held.length) group.forEach(function (spelling) {
        if (held.indexOf(spelling) >= 0) return
        spelling.units.forEach(function (t) { out.push(Object.assign({ shows: held[0].text }, t)) })
        out.push({ unit: null, raw: "" })
      })
    })
    return out
  }

  Index.prototype.weight = function (docs) {
    return Math.log(1 + this.entries.length / (docs || 1))
  }

  /* -- Read the query -- */

  /* The query's tokens with their weights. A word of TYPO_LENGTH letters or more also finds
     the words one edit away (`near`); one the text never holds is read as the two it does,
     if it splits so ("opensource", "fivelayer"). The last word may be unfinished. */
  Index.prototype.query = function (value) {
    var tokens = units(value, this.variants)
    var last = tokens[tokens.length - 1]
    var open = last && !last.han && last.end === value.length
    var self = this
    var out = []
    tokens.forEach(function (t, i) {
      var q = { unit: t.unit, raw: t.raw, han: t.han, partial: open && i === tokens.length - 1 && t.raw.length >= 2 }
      var docs = q.partial ? self.prefixDocs(q) : self.df.get(q.unit)
      q.weight = self.weight(docs)
      var parts = !t.han && !docs && t.raw.length >= TYPO_LENGTH && self.split(t.raw)
      if (parts) return parts.forEach(function (part) {
        out.push({ unit: part.unit, raw: part.raw, weight: NEAR * self.weight(self.df.get(part.unit)) })
      })
      var near = t.raw.length < TYPO_LENGTH ? [] : self.words.filter(function (word) { return oneEdit(q.unit, word) })
      if (near.length) q.near = new Set(near)
      out.push(q)
    })
    return out
  }

  Index.prototype.prefixDocs = function (q) {
    return this.entries.filter(function (entry) {
      return entry.fields.some(function (tokens) {
        return tokens.some(function (t) { return t.unit === q.unit || t.raw.startsWith(q.raw) })
      })
    }).length
  }

  /* A word typed without its space as the two known words it splits into, the shorter of
     them as long as it can be. */
  Index.prototype.split = function (raw) {
    var best = null
    for (var i = 2; i <= raw.length - 2; i++) {
      var parts = [normal(raw.slice(0, i)), normal(raw.slice(i))]
      var shorter = Math.min(i, raw.length - i)
      if (this.df.has(parts[0].unit) && this.df.has(parts[1].unit) && !(best && best.shorter >= shorter))
        best = { parts: parts, shorter: shorter }
    }
    return best && best.parts
  }

  /* A Han character of the query finds another spelling only within a whole spelling the
     query holds: "电工" must not find "AI" through the 工 of "人工智能". */
  Index.prototype.aliasQuery = function (query) {
    var whole = new Set()
    this.synonyms.forEach(function (group) {
      group.forEach(function (spelling) {
        var at = find(query, spelling.units)
        if (at >= 0) spelling.units.forEach(function (_, k) { whole.add(at + k) })
      })
    })
    return query.map(function (q, j) { return q.han && !whole.has(j) ? { weight: q.weight } : q })
  }

  /* -- Rank -- */

  /* What a token of the text is worth to one of the query: its weight, a share of it for a
     near word, or nothing. */
  function worth(token, q) {
    if (token.unit === q.unit || (q.partial && token.raw.startsWith(q.raw))) return q.weight
    return q.near && q.near.has(token.unit) ? NEAR * q.weight : 0
  }

  /* How well one field holds the query: the weight of its heaviest unbroken run of query
     tokens and the longest one's length, the weight of each query token it holds at all,
     and which tokens to mark. */
  function assess(tokens, query) {
    var m = query.length
    var previous = new Array(m + 1).fill(0)
    var previousWeight = new Array(m + 1).fill(0)
    var best = 0
    var longest = 0
    var found = new Array(m).fill(0)
    var marked = new Set()
    for (var i = 0; i < tokens.length; i++) {
      var row = new Array(m + 1).fill(0)
      var rowWeight = new Array(m + 1).fill(0)
      for (var j = 0; j < m; j++) {
        var gain = worth(tokens[i], query[j])
        if (!gain) continue
        found[j] = Math.max(found[j], gain)
        row[j + 1] = previous[j] + 1
        rowWeight[j + 1] = previousWeight[j] + gain
        if (rowWeight[j + 1] > best) best = rowWeight[j + 1]
        var run = row[j + 1]
        if (run > longest) longest = run
        // Mark runs of two or more; single matches only for a word or a one-unit query.
        if (run >= 2) for (var k = 0; k < run; k++) marked.add(i - k)
        else if (m === 1 || (!tokens[i].han && !STOP.has(tokens[i].raw))) marked.add(i)
      }
      previous = row
      previousWeight = rowWeight
    }
    return { run: best, length: longest, found: found, marked: marked }
  }

  Index.prototype.search = function (value) {
    var query = this.query(value)
    if (!query.length) return { items: [] }
    var aliasQuery = this.aliasQuery(query)
    var total = query.reduce(function (sum, q) { return sum + q.weight }, 0)
    var scored = []
    this.entries.forEach(function (entry) {
      var title = assess(entry.fields[0], query)
      var text = assess(entry.fields[1], query)
      var alias = assess(entry.fields[2], aliasQuery)
      var found = query.map(function (_, j) { return Math.max(title.found[j], text.found[j], alias.found[j]) })
      var held = found.reduce(function (sum, gain) { return sum + gain }, 0)
      if (!held) return
      // A quote's title (speaker and heading) is context: it counts as held, not as a run.
      var titleRun = entry.quote ? 0 : title.run / total
      var run = Math.max(titleRun, text.run / total, alias.run / total)
      // The whole query in one run earns as much again: all of it for the exact words.
      var whole = Math.max(entry.quote ? 0 : title.length, text.length, alias.length) === query.length
      var score = held / total + (whole ? 3 : 2) * run + 0.5 * titleRun
      if (entry.quote) score *= QUOTE_BOOST
      scored.push({ entry: entry, score: score, title: title, text: text, alias: alias, found: found })
    })
    if (!scored.length) return { items: [] }
    var top = Math.max.apply(null, scored.map(function (s) { return s.score }))
    scored = scored
      .filter(function (s) { return s.score >= CUTOFF * top })
      .sort(function (a, b) { return b.score - a.score })
    return {
      items: this.group(scored, query, value),
      suggest: this.suggest ? this.suggestion(scored[0], query) : undefined
    }
  }

  Index.prototype.suggestion = function (best, query) {
    var last = query[query.length - 1]
    if (!best || !last.partial) return []
    var words = best.entry.fields[0].concat(best.entry.fields[1])
    var word = words.find(function (t) { return !t.han && t.raw.startsWith(last.raw) && t.raw.length > last.raw.length })
    return word ? [word.raw] : []
  }

  /* -- Results, as the theme renders them -- */

  /* Entries grouped by page, best page first; every group holds its page's own entry, which
     the theme shows as the group's heading. The theme puts an entry's `terms` in its link's
     ?h=, so none may be without: an entry showing none of the query (the page's own, a
     synonym's) highlights what its group found, or else what was typed. */
  Index.prototype.group = function (scored, query, value) {
    var groups = new Map()
    scored.forEach(function (s) {
      groups.set(s.entry.page, (groups.get(s.entry.page) || []).concat([result(s, query)]))
    })
    var self = this
    return Array.from(groups, function (pair) {
      var page = pair[0]
      var group = pair[1]
      var entry = self.byLocation.get(page)
      if (entry && !group.some(function (item) { return item.location === page }))
        group.push(Object.assign({}, entry.doc, { title: escape(entry.title), text: "", score: 0, terms: {} }))
      var words = [].concat.apply([], group.map(shown))
      group.forEach(function (item) {
        if (!shown(item).length) (words.length ? words : [value.trim()]).forEach(function (word) { item.terms[word] = true })
        item.terms = holdersFirst(item.terms)
      })
      return group
    })
  }

  function shown(item) {
    return Object.keys(item.terms).filter(function (word) { return item.terms[word] })
  }

  /* The theme's highlighter tries the words in order at each place: "电工" before "电工的工资"
     would mark only "电工" there. So each word goes after those holding it. */
  function holdersFirst(terms) {
    var words = Object.keys(terms)
    var holders = function (word) {
      return words.filter(function (other) { return other.length > word.length && other.toLowerCase().includes(word.toLowerCase()) }).length
    }
    var out = {}
    words.sort(function (a, b) { return holders(a) - holders(b) }).forEach(function (w) { out[w] = terms[w] })
    return out
  }

  /* One entry: title and text as HTML with the query marked, and `terms`, the words for the
     result link's ?h= (false: missing, which the theme strikes out). */
  function result(s, query) {
    var entry = s.entry
    var terms = {}
    var title = marked(entry.title, entry.fields[0], s.title.marked, terms)
    var text = snippet(entry.text, entry.fields[1], s.text.marked, terms)
    // A synonym is found, not shown; the page highlights the text's own spelling.
    s.alias.marked.forEach(function (i) { terms[entry.fields[2][i].shows] = true })
    query.forEach(function (q, j) {
      if (!s.found[j] && !q.han && !STOP.has(q.raw)) terms[q.raw] = false
    })
    return Object.assign({}, entry.doc, { title: title, text: text, score: s.score, terms: terms })
  }

  /* Marked tokens next to each other make one mark: with nothing between ("10亿倍"), or
     words of one script with JOINED between. */
  function spans(text, tokens, marks) {
    var out = []
    Array.from(marks).sort(function (a, b) { return a - b }).forEach(function (i) {
      var t = tokens[i]
      var last = out[out.length - 1]
      var between = last && text.slice(last.end, t.start)
      if (last && (between === "" || (JOINED.test(between) && last.han === t.han))) {
        last.end = t.end
        last.han = last.han && t.han
      } else out.push({ start: t.start, end: t.end, han: t.han })
    })
    return out
  }

  function marked(text, tokens, marks, terms, from, to) {
    from = from || 0
    to = to === undefined ? text.length : to
    var html = ""
    var cursor = from
    spans(text, tokens, marks).forEach(function (span) {
      var word = text.slice(span.start, span.end)
      // Every marked word goes to the page's highlighter, in the snippet or not; whole words
      // only, as it marks each anywhere in the page and a single letter would light up all.
      word.split(/\s+/).forEach(function (part) {
        if (part.length >= 2 || span.han) terms[part] = true
      })
      if (span.start < from || span.end > to) return
      html += escape(text.slice(cursor, span.start)) + "<mark>" + escape(word) + "</mark>"
      cursor = span.end
    })
    return html + escape(text.slice(cursor, to))
  }

  /* A window of the text around its first mark, not ending inside a word or a term. */
  function snippet(text, tokens, marks, terms) {
    if (text.length <= SNIPPET) return marked(text, tokens, marks, terms)
    var first = Math.min.apply(null, Array.from(marks).concat([tokens.length]))
    var at = first < tokens.length ? tokens[first].start : 0
    var from = Math.max(0, at - 40)
    var to = Math.min(text.length, from + SNIPPET)
    for (var back = 0; from > 0 && back < 40 && UNCUT.test(text[from - 1]); back++) from--
    for (var ahead = 0; to < text.length && ahead < 40 && UNCUT.test(text[to]); ahead++) to++
    return (from > 0 ? "… " : "") + marked(text, tokens, marks, terms, from, to) + (to < text.length ? " …" : "")
  }

  /* -- Messages -- */

  var index
  function handle(message) {
    switch (message.type) {
      case 0:
        index = new Index(message.data.config, message.data.docs, message.data.options)
        return { type: 1 }
      case 2:
        return { type: 3, data: index.search(message.data) }
      default:
        throw new TypeError("Invalid message type")
    }
  }

  if (typeof module !== "undefined") module.exports = { Index: Index, units: units, stem: stem, handle: handle }
  else scope.addEventListener("message", function (event) { scope.postMessage(handle(event.data)) })
})(this)
