// One simulator, broker and browser per test; run them one at a time (2-core CI machines).
[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.DoNotParallelize]
