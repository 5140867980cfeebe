using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Helsefellesskap.App.Shared.Store;

/// <summary>
/// A component that re-renders when any store it injects changes. Subscriptions are found by the type of the
/// component's fields (properties would touch ComponentBase.RendererInfo, which throws under bUnit), and
/// disposed with the component. A subclass that overrides <see cref="OnInitialized"/> must call the base, or it
/// would never re-render on a change; rendering it then throws (as Fluxor's FluxorComponent does).
/// </summary>
public abstract class StoreComponent : ComponentBase, IDisposable
{
    private readonly List<(IState<object> State, EventHandler Handler)> _subscriptions = [];
    private bool _subscribed;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        // The base runs OnInitialized synchronously the first time, before its first await.
        var setting = base.SetParametersAsync(parameters);
        if (!_subscribed)
            throw new InvalidOperationException(
                $"{GetType().FullName} overstyrer OnInitialized uten å kalle base.OnInitialized(), og ville aldri vist endringer i tilstanden. Kall base.OnInitialized().");
        return setting;
    }

    protected override void OnInitialized()
    {
        foreach (var state in StatesOf(this))
        {
            EventHandler handler = (_, _) => _ = InvokeAsync(StateHasChanged);
            state.StateChanged += handler;
            _subscriptions.Add((state, handler));
        }
        _subscribed = true;
        base.OnInitialized();
    }

    private static IEnumerable<IState<object>> StatesOf(object component)
    {
        for (var type = component.GetType(); type is not null && type != typeof(StoreComponent); type = type.BaseType)
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
                if (IsState(field.FieldType) && field.GetValue(component) is IState<object> state)
                    yield return state;
    }

    /// <summary>An <c>IState&lt;T&gt;</c>, or a store that is one.</summary>
    private static bool IsState(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IState<>) ||
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IState<>));

    public virtual void Dispose()
    {
        foreach (var (state, handler) in _subscriptions) state.StateChanged -= handler;
        _subscriptions.Clear();
        GC.SuppressFinalize(this);
    }
}
