using GenImageFactory.Server;

FactoryServer.Build(args).Run();
