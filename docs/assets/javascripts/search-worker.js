/* The site's search engine, behind the theme's own search box and result list.

   Material for MkDocs runs its search in a web worker whose address is `search` in the page
   configuration; overrides/main.html points it here. This worker answers the same messages
   as the theme's (9.x, integrations/search/worker/message):
     {type: 0, data: {config, docs, options}}  ->  {type: 1}                     set up, ready
     {type: 2, data: "query"}                  ->  {type: 3, data: {items, suggest}}
   where items are result entries grouped by page, best first, as the theme renders them.

   Why not the theme's lunr: readers paste a few remembered words, and lunr ranks by shared
   words, not by the run of words they typed; its Chinese query splitter guesses words from
   the index and loses those inside longer terms. Here text and query go through one
   function, `units`, so they always agree: Han characters one by one (traditional ones
   mapped to the simplified text through config.variants, generated at build time from
   OpenCC's tables), other words lower-cased, apostrophes and possessives dropped, light
   English stemming. An entry ranks by how much of the query it holds as one unbroken run,
   then by how much of it it holds at all, rare units weighing more than common ones; a
   common character or a stop word lowers no score, so it can never empty the results. */
(function (scope) {
  "use strict"

  var HAN = /\p{sc=Han}/u
  var TOKEN = /\p{sc=Han}|(?:(?!\p{sc=Han})[\p{L}\p{N}\p{M}])+(?:['’‘ʼ](?:(?!\p{sc=Han})[\p{L}\p{N}\p{M}])+)*/gu
  var STOP = new Set(("a an and are as at be but by do for from has have i if in is it its of on or so " +
    "that the their there they this to was we what when which who will with you your").split(" "))
  /* A quote holds its words more tightly than the section around it: on equal terms, the
     quote is the better answer. */
  var QUOTE_BOOST = 1.05
  /* Entries scoring below this share of the best are noise, not answers. */
  var CUTOFF = 0.35
  var SNIPPET = 220

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

  /* The normal form of one token, the same for the text and the query. */
  function normal(token, variants) {
    if (HAN.test(token)) return variants[token] || token
    var word = token.normalize("NFKC").toLowerCase().replace(/[’‘ʼ]/g, "'")
    word = word.replace(/'s$|'$/, "").replace(/'/g, "")
    return { raw: word, unit: stem(word) }
  }

  /* Tokens of a plain text, each with its offsets, normal form and unstemmed form. */
  function units(text, variants) {
    var out = []
    TOKEN.lastIndex = 0
    for (var match; (match = TOKEN.exec(text)); ) {
      var form = normal(match[0], variants)
      var han = typeof form === "string"
      out.push({
        start: match.index,
        end: match.index + match[0].length,
        unit: han ? form : form.unit,
        raw: han ? form : form.raw,
        han: han
      })
    }
    return out
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

  /* -- The index ------------------------------------------------------------------------ */

  function Index(config, docs, options) {
    var variants = this.variants = config.variants || {}
    var synonyms = (config.synonyms || []).map(function (group) {
      return group.map(function (spelling) { return units(spelling, variants) })
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
    var df = this.df = new Map()
    this.entries.forEach(function (entry) {
      var seen = new Set()
      entry.fields.forEach(function (tokens) {
        tokens.forEach(function (t) { seen.add(t.unit) })
      })
      seen.forEach(function (unit) { df.set(unit, (df.get(unit) || 0) + 1) })
    })
  }

  /* The search dictionary's other spellings of every group the fields hold. */
  function aliases(fields, synonyms) {
    var out = []
    synonyms.forEach(function (group) {
      var held = group.filter(function (spelling) {
        return fields.some(function (tokens) { return holds(tokens, spelling) })
      })
      if (held.length) group.forEach(function (spelling) {
        if (held.indexOf(spelling) < 0) out = out.concat(spelling, [{ unit: null, raw: "" }])
      })
    })
    return out
  }

  function holds(tokens, run) {
    for (var i = 0; i + run.length <= tokens.length; i++)
      if (run.every(function (t, k) { return tokens[i + k].unit === t.unit })) return true
    return false
  }

  Index.prototype.idf = function (unit) {
    return Math.log(1 + this.entries.length / (this.df.get(unit) || 1))
  }

  /* The query's tokens; the last word may be unfinished while the reader is still typing. */
  Index.prototype.query = function (value) {
    var tokens = units(value, this.variants)
    var last = tokens[tokens.length - 1]
    var open = last && !last.han && last.end === value.length
    var self = this
    return tokens.map(function (t, i) {
      var partial = open && i === tokens.length - 1 && t.raw.length >= 2
      return {
        unit: t.unit,
        raw: t.raw,
        han: t.han,
        partial: partial,
        weight: partial ? self.prefixIdf(t) : self.idf(t.unit)
      }
    })
  }

  Index.prototype.prefixIdf = function (q) {
    var docs = 0
    this.entries.forEach(function (entry) {
      if (entry.fields.some(function (tokens) {
        return tokens.some(function (t) { return t.unit === q.unit || t.raw.startsWith(q.raw) })
      })) docs++
    })
    return Math.log(1 + this.entries.length / (docs || 1))
  }

  function matches(token, q) {
    return token.unit === q.unit || (q.partial && token.raw.startsWith(q.raw))
  }

  /* How well one field holds the query: the weight of its longest unbroken run of query
     tokens, the weight of the query tokens it holds at all, and which of its tokens to mark. */
  function assess(tokens, query) {
    var m = query.length
    var previous = new Array(m + 1).fill(0)
    var previousWeight = new Array(m + 1).fill(0)
    var best = 0
    var found = new Array(m).fill(false)
    var marked = new Set()
    for (var i = 0; i < tokens.length; i++) {
      var row = new Array(m + 1).fill(0)
      var rowWeight = new Array(m + 1).fill(0)
      for (var j = 0; j < m; j++) {
        if (!matches(tokens[i], query[j])) continue
        found[j] = true
        row[j + 1] = previous[j] + 1
        rowWeight[j + 1] = previousWeight[j] + query[j].weight
        if (rowWeight[j + 1] > best) best = rowWeight[j + 1]
        var run = row[j + 1]
        // Mark runs of two or more; single matches only for a word or a one-unit query.
        if (run >= 2) for (var k = 0; k < run; k++) marked.add(i - k)
        else if (m === 1 || (!tokens[i].han && !STOP.has(tokens[i].raw))) marked.add(i)
      }
      previous = row
      previousWeight = rowWeight
    }
    return { run: best, found: found, marked: marked }
  }

  Index.prototype.search = function (value) {
    var query = this.query(value)
    if (!query.length) return { items: [] }
    var total = query.reduce(function (sum, q) { return sum + q.weight }, 0)
    var scored = []
    this.entries.forEach(function (entry) {
      var title = assess(entry.fields[0], query)
      var text = assess(entry.fields[1], query)
      var alias = assess(entry.fields[2], query)
      var found = query.map(function (_, j) { return title.found[j] || text.found[j] || alias.found[j] })
      var held = query.reduce(function (sum, q, j) { return sum + (found[j] ? q.weight : 0) }, 0)
      if (!held) return
      // A quote's title (speaker and heading) is context: it counts as held, not as a run.
      var titleRun = entry.quote ? 0 : title.run / total
      var run = Math.max(titleRun, text.run / total, alias.run / total)
      var score = held / total + 2 * run + (run >= 0.999 ? 1 : 0) + 0.5 * titleRun
      if (entry.quote) score *= QUOTE_BOOST
      scored.push({ entry: entry, score: score, title: title, text: text, found: found })
    })
    if (!scored.length) return { items: [] }
    var top = Math.max.apply(null, scored.map(function (s) { return s.score }))
    scored = scored
      .filter(function (s) { return s.score >= CUTOFF * top })
      .sort(function (a, b) { return b.score - a.score })
    return {
      items: this.group(scored, query),
      suggest: this.suggest ? this.suggestion(scored[0], query) : undefined
    }
  }

  /* Entries grouped by page, best page first; every group holds its page's own entry,
     which the theme shows as the group's heading. */
  Index.prototype.group = function (scored, query) {
    var groups = new Map()
    scored.forEach(function (s) {
      var group = groups.get(s.entry.page) || []
      group.push(result(s, query))
      groups.set(s.entry.page, group)
    })
    var byLocation = new Map(this.entries.map(function (e) { return [e.doc.location, e] }))
    groups.forEach(function (group, page) {
      if (group.some(function (item) { return item.location === page })) return
      var entry = byLocation.get(page)
      if (entry) group.push(Object.assign({}, entry.doc, { title: escape(entry.title), text: "", score: 0, terms: {} }))
    })
    return Array.from(groups.values())
  }

  Index.prototype.suggestion = function (best, query) {
    var last = query[query.length - 1]
    if (!best || !last.partial) return []
    var words = best.entry.fields[0].concat(best.entry.fields[1])
    var word = words.find(function (t) { return !t.han && t.raw.startsWith(last.raw) && t.raw.length > last.raw.length })
    return word ? [word.raw] : []
  }

  /* One entry as the theme renders it: title and text as HTML with the query marked, and
     `terms`, the words the theme puts in the result link's ?h= for highlighting the page. */
  function result(s, query) {
    var entry = s.entry
    var terms = {}
    var title = marked(entry.title, entry.fields[0], s.title.marked, terms)
    var text = snippet(entry.text, entry.fields[1], s.text.marked, terms)
    query.forEach(function (q, j) {
      if (!s.found[j] && !q.han && !STOP.has(q.raw)) terms[q.raw] = false
    })
    return Object.assign({}, entry.doc, { title: title, text: text, score: s.score, terms: terms })
  }

  /* Marked tokens next to each other (nothing but spaces between) make one mark. */
  function spans(text, tokens, marks) {
    var out = []
    Array.from(marks).sort(function (a, b) { return a - b }).forEach(function (i) {
      var t = tokens[i]
      var last = out[out.length - 1]
      if (last && /^\s*$/.test(text.slice(last.end, t.start)) && last.han === t.han) last.end = t.end
      else out.push({ start: t.start, end: t.end, han: t.han })
    })
    return out
  }

  function marked(text, tokens, marks, terms, from, to) {
    from = from || 0
    to = to === undefined ? text.length : to
    var html = ""
    var cursor = from
    spans(text, tokens, marks).forEach(function (span) {
      if (span.start < from || span.end > to) return
      var word = text.slice(span.start, span.end)
      // Whole words for the page's highlighter: it matches each word anywhere in the page,
      // so a single letter would light up every word that holds it.
      word.split(/\s+/).forEach(function (part) {
        if (part.length >= 2 || span.han) terms[part] = true
      })
      html += escape(text.slice(cursor, span.start)) + "<mark>" + escape(word) + "</mark>"
      cursor = span.end
    })
    return html + escape(text.slice(cursor, to))
  }

  /* A window of the text around its first mark. */
  function snippet(text, tokens, marks, terms) {
    if (text.length <= SNIPPET) return marked(text, tokens, marks, terms)
    var first = Math.min.apply(null, Array.from(marks).concat([tokens.length]))
    var at = first < tokens.length ? tokens[first].start : 0
    var from = Math.max(0, at - 40)
    var to = Math.min(text.length, from + SNIPPET)
    // Do not cut a word in two at either end.
    tokens.forEach(function (t) {
      if (t.start < from && t.end > from) from = t.start
      if (t.start < to && t.end > to) to = t.end
    })
    return (from > 0 ? "… " : "") + marked(text, tokens, marks, terms, from, to) + (to < text.length ? " …" : "")
  }

  /* -- Messages ------------------------------------------------------------------------- */

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
