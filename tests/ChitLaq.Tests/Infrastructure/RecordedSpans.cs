using System.Collections;
using System.Diagnostics;

namespace ChitLaq.Tests.Infrastructure;

/// <summary>Spans written by the in-memory exporter from the host's threads while a test reads them.</summary>
public sealed class RecordedSpans : ICollection<Activity>
{
    private readonly List<Activity> _spans = [];

    public List<Activity> Snapshot() { lock (_spans) return [.. _spans]; }

    public void Add(Activity item) { lock (_spans) _spans.Add(item); }
    public void Clear() { lock (_spans) _spans.Clear(); }
    public bool Contains(Activity item) { lock (_spans) return _spans.Contains(item); }
    public void CopyTo(Activity[] array, int arrayIndex) { lock (_spans) _spans.CopyTo(array, arrayIndex); }
    public bool Remove(Activity item) { lock (_spans) return _spans.Remove(item); }
    public int Count { get { lock (_spans) return _spans.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<Activity> GetEnumerator() => Snapshot().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
