namespace Helsefellesskap.App.Shared.Store;

/// <summary>What a component reads from a store: the current state and a signal when it changes (Fluxor's IState).</summary>
public interface IState<out TState>
{
    TState Value { get; }
    event EventHandler? StateChanged;
}

public interface IDispatcher
{
    void Dispatch(object action);
}

/// <summary>
/// A feature's slice of UI state in Fluxor's shape: an initial state and pure reducers. Reducers never decide a
/// business rule (whether a decision is binding comes from the domain, in the state they are given).
/// </summary>
public abstract class Feature<TState> where TState : class
{
    public abstract TState InitialState { get; }

    /// <summary>Returns the same instance when the action changes nothing, so no component re-renders for it.</summary>
    public abstract TState Reduce(TState state, object action);
}

/// <summary>Side effects (service calls) that run after the reducers, and may dispatch further actions.</summary>
public interface IEffect
{
    Task HandleAsync(object action, IDispatcher dispatcher);
}

/// <summary>
/// One store per circuit and feature. Actions dispatched before the store is initialised (during prerendering
/// or before the first interactive render) are queued, so nothing runs twice. Each action runs the reducer,
/// then the effects; actions dispatched meanwhile wait their turn, so reducers never interleave. All of this
/// holds only on the circuit's own thread: the first dispatch on a synchronization context binds the store to
/// it, and a dispatch from anywhere else then throws instead of racing the renderer.
/// </summary>
public sealed class Store<TState>(Feature<TState> feature, IEnumerable<IEffect<TState>> effects) : IState<TState>, IDispatcher
    where TState : class
{
    private readonly Queue<object> _queue = new();
    private bool _initialized;
    private bool _dispatching;
    private SynchronizationContext? _circuit;

    public TState Value { get; private set; } = feature.InitialState;
    public event EventHandler? StateChanged;

    public void Initialize()
    {
        if (_initialized) return;
        EnsureOnCircuit();
        _initialized = true;
        Drain();
    }

    public void Dispatch(object action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EnsureOnCircuit();
        _queue.Enqueue(action);
        if (_initialized && !_dispatching) Drain();
    }

    /// <summary>
    /// The store's state, queue and subscribers belong to one circuit, whose renderer runs one thing at a time on its
    /// synchronization context. A dispatch from another thread (a notifier's callback, a timer, a task continued
    /// with <c>ConfigureAwait(false)</c>) would reduce and render concurrently with it, so it fails here, loudly.
    /// The first dispatch made on a synchronization context binds the store to it (in a circuit, the very first one
    /// is; a plain unit test, or a test renderer that runs lifecycle methods without one, binds later or never).
    /// </summary>
    private void EnsureOnCircuit()
    {
        var current = SynchronizationContext.Current;
        if (_circuit is null)
        {
            _circuit = current;
            return;
        }
        if (!ReferenceEquals(current, _circuit))
            throw new InvalidOperationException(
                $"Store<{typeof(TState).Name}> fikk en handling utenfor kretsens tråd (synkroniseringskonteksten til rendereren). " +
                "Send handlinger fra andre tråder gjennom komponentens InvokeAsync(() => ...Dispatch(...)).");
    }

    private void Drain()
    {
        _dispatching = true;
        try
        {
            while (_queue.TryDequeue(out var action))
            {
                var next = feature.Reduce(Value, action);
                if (!ReferenceEquals(next, Value))
                {
                    Value = next;
                    StateChanged?.Invoke(this, EventArgs.Empty);
                }
                foreach (var effect in effects) _ = RunEffectAsync(effect, action);
            }
        }
        finally { _dispatching = false; }
    }

    private async Task RunEffectAsync(IEffect effect, object action)
    {
        try { await effect.HandleAsync(action, this); }
        catch (Exception e) { Dispatch(new EffectFailed(action, e)); }
    }
}

/// <summary>An effect of this feature's store.</summary>
public interface IEffect<TState> : IEffect where TState : class;

/// <summary>An effect threw something it did not handle itself; reducers may show it.</summary>
public sealed record EffectFailed(object Action, Exception Exception);
