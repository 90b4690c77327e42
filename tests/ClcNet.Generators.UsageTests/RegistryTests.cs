using static TorchSharp.torch;

namespace ClcNet.Generators.UsageTests;

/// <summary>
/// The networks of this assembly register themselves when it is first used (running these tests is using it), by
/// name and by spec; names that are unknown or clash are clear errors.
/// </summary>
public class RegistryTests
{
    [Theory]
    [InlineData("mynet", typeof(MyNet))]
    [InlineData("MyNet", typeof(MyNet))]
    [InlineData("fashionnet", typeof(FashionNet))]
    [InlineData("tiny-net", typeof(TinyNet))]
    public void AGeneratedClassIsRegisteredUnderItsName(string name, Type network)
    {
        RegisteredNetwork registered = ClcNetRegistry.Get(name);

        Assert.Equal(network, registered.Type);
        Assert.Equal(network.GetCustomAttributes(typeof(ClcNetAttribute), false).Cast<ClcNetAttribute>().Single().Spec, registered.Spec);
        using nn.Module<Tensor, Tensor> created = registered.Create();
        Assert.IsType(network, created);
    }

    [Fact]
    public void AGeneratedClassIsFoundByItsExactSpec()
    {
        Assert.Equal(typeof(MyNet), ClcNetRegistry.Find(ClcNetSpec.A)?.Type);
        Assert.Equal(typeof(TinyNet), ClcNetRegistry.Find(TinyNet.Spec)?.Type);
        Assert.Null(ClcNetRegistry.Find(ClcNetSpec.A with { Classes = 10 }));
    }

    [Fact]
    public void CreateUsesTheGeneratedClassOfTheSpecElseBuildsOneAtRunTime()
    {
        using nn.Module<Tensor, Tensor> generated = ClcNetRegistry.Create(TinyNet.Spec);
        using nn.Module<Tensor, Tensor> runTime = ClcNetRegistry.Create(TinyNet.Spec with { Classes = 5 });

        Assert.IsType<TinyNet>(generated);
        ClcNetModel built = Assert.IsType<ClcNetModel>(runTime);
        Assert.Equal(TinyNet.Spec with { Classes = 5 }, built.Spec);
        Assert.Equal(
            generated.named_parameters().Select(parameter => (parameter.name, string.Join("x", parameter.parameter.shape))),
            ClcNetModel.Create(TinyNet.Spec).named_parameters().Select(parameter => (parameter.name, string.Join("x", parameter.parameter.shape))));
    }

    [Fact]
    public void AnUnknownNameListsTheRegisteredOnes()
    {
        UnknownNetworkException error = Assert.Throws<UnknownNetworkException>(() => ClcNetRegistry.Get("resnet50"));

        Assert.Equal("resnet50", error.Name);
        Assert.Superset(new HashSet<string> { "fashionnet", "mynet", "tiny-net" }, error.Registered.ToHashSet());
        Assert.StartsWith("no network named 'resnet50' is registered; registered: ", error.Message);
        Assert.Contains("fashionnet, mynet", error.Message);
    }

    [Fact]
    public void ANameTwoAssembliesRegisterIsAmbiguousAndNamesBothClasses()
    {
        // Classes of one compilation cannot share a name (CLC014); by hand, as two assemblies would, they can.
        ClcNetRegistry.Register<HandMadeA>("clash", ClcNetSpec.A);
        ClcNetRegistry.Register<HandMadeB>("CLASH", ClcNetSpec.B);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => ClcNetRegistry.Get("clash"));

        Assert.Contains($"'clash' names 2 registered networks: {typeof(HandMadeA).FullName} (ClcNet.Generators.UsageTests), {typeof(HandMadeB).FullName} (ClcNet.Generators.UsageTests)", error.Message);
        Assert.EndsWith("give each another Name in its [ClcNet] attribute", error.Message);
    }

    [Fact]
    public void RegisteringAClassAgainChangesNothing()
    {
        ClcNetRegistry.Register<MyNet>("mynet-again", MyNet.Spec);
        ClcNetRegistry.RegisterNetworksOf(typeof(MyNet).Assembly);

        Assert.Single(ClcNetRegistry.Networks, network => network.Type == typeof(MyNet));
        Assert.Throws<UnknownNetworkException>(() => ClcNetRegistry.Get("mynet-again"));
    }

    [Theory]
    [InlineData("", "a network name cannot be empty")]
    [InlineData("my net", "' ' cannot be part of a network name: use letters, digits, '-', '_' and '.'")]
    public void ANameThatIsNotOneIsRefused(string name, string problem)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetRegistry.Register<HandMadeA>(name, ClcNetSpec.A));

        Assert.StartsWith($"{typeof(HandMadeA)}: {problem}", error.Message);
    }

    /// <summary>Stands in for a network class of another assembly.</summary>
    public sealed class HandMadeA() : nn.Module<Tensor, Tensor>(nameof(HandMadeA))
    {
        public override Tensor forward(Tensor input) => input;
    }

    /// <summary>Stands in for a network class of a third assembly.</summary>
    public sealed class HandMadeB() : nn.Module<Tensor, Tensor>(nameof(HandMadeB))
    {
        public override Tensor forward(Tensor input) => input;
    }
}
