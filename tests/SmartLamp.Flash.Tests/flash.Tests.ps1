# Pester 5 tests of flash.ps1. Run by tests/SmartLamp.Flash.Tests (dotnet test), or by hand:
#   dotnet tool restore
#   dotnet tool run pwsh -- -NoProfile -File tests/SmartLamp.Flash.Tests/run-pester.ps1 -PesterModule <pester>/tools/Pester.psd1
# Every case runs flash.ps1 in its own pwsh process with a fake `nanoff` first on PATH. The fake records
# each call (one argument per line after a CALL line) and copies the folder of a --filedeployment json,
# so the staged files can be checked after flash.ps1 deleted them. Unix only (the fake is a sh script).

BeforeAll {
    $script:Repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:Flash = Join-Path $script:Repo 'flash.ps1'
    # This pwsh may run as `dotnet pwsh.dll` (local dotnet tool): start children the same way.
    $script:PwshDll = Join-Path $PSHOME 'pwsh.dll'

    function New-Sandbox {
        $dir = Join-Path ([IO.Path]::GetTempPath()) ('flash-test-' + [Guid]::NewGuid().ToString('N').Substring(0, 10))
        $bin = Join-Path $dir 'bin'
        New-Item -ItemType Directory -Path $bin -Force | Out-Null
        $fake = Join-Path $bin 'nanoff'
        Set-Content -LiteralPath $fake -NoNewline -Value @'
#!/bin/sh
# fake nanoff: record the call, keep a copy of a file deployment's folder, exit with $FAKE_NANOFF_EXIT
log="$FAKE_NANOFF_DIR/calls.txt"
echo CALL >> "$log"
prev=""
for a in "$@"; do
  printf '%s\n' "$a" >> "$log"
  if [ "$prev" = "--filedeployment" ]; then
    n=$(ls "$FAKE_NANOFF_DIR" | grep -c '^staged')
    cp -R "$(dirname "$a")" "$FAKE_NANOFF_DIR/staged$n"
  fi
  prev="$a"
done
echo "fake nanoff $*"
exit "${FAKE_NANOFF_EXIT:-0}"
'@
        & chmod +x $fake
        $image = Join-Path $dir 'SmartLamp.bin'
        [IO.File]::WriteAllBytes($image, [byte[]](1, 2, 3))
        return [pscustomobject]@{ Dir = $dir; Bin = $bin; Image = $image; Work = (Join-Path $dir 'work') }
    }

    # ('-Name', 'value', '-Switch', ...) -> @{ Name = 'value'; Switch = $true } for splatting.
    function ConvertTo-Splat([string[]]$Arguments) {
        $h = @{}
        for ($i = 0; $i -lt $Arguments.Count; $i++) {
            $name = $Arguments[$i].Substring(1)
            if ($i + 1 -lt $Arguments.Count -and -not $Arguments[$i + 1].StartsWith('-')) {
                $h[$name] = $Arguments[$i + 1]
                $i++
            }
            else { $h[$name] = $true }
        }
        return $h
    }

    function Read-Calls($Sandbox) {
        $calls = @()
        $log = Join-Path $Sandbox.Dir 'calls.txt'
        if (Test-Path $log) {
            $current = $null
            foreach ($line in (Get-Content -LiteralPath $log)) {
                if ($line -eq 'CALL') {
                    if ($null -ne $current) { $calls += , $current.ToArray() }
                    $current = [System.Collections.Generic.List[string]]::new()
                }
                else { $current.Add($line) }
            }
            if ($null -ne $current) { $calls += , $current.ToArray() }
        }
        return , $calls
    }

    function Get-TestPath($Sandbox, [switch]$WithoutNanoff) {
        $dotnetDir = Split-Path -Parent (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
        $path = (@($dotnetDir, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin') -join ':')
        if (-not $WithoutNanoff) { $path = $Sandbox.Bin + ':' + $path }
        return $path
    }

    # Runs flash.ps1 in this process (fast) with PATH = the fake nanoff's folder (unless -WithoutNanoff) +
    # the system folders, stderr captured through Console.SetError (flash.ps1 writes errors there).
    function Invoke-Flash {
        param($Sandbox, [string[]]$Arguments, [switch]$WithoutNanoff, [int]$NanoffExit = 0)
        $splat = ConvertTo-Splat $Arguments
        $saved = @{ PATH = $env:PATH; DIR = $env:FAKE_NANOFF_DIR; EXIT = $env:FAKE_NANOFF_EXIT }
        $oldErr = [Console]::Error
        $err = [IO.StringWriter]::new()
        $env:PATH = Get-TestPath $Sandbox -WithoutNanoff:$WithoutNanoff
        $env:FAKE_NANOFF_DIR = $Sandbox.Dir
        $env:FAKE_NANOFF_EXIT = [string]$NanoffExit
        Push-Location $Sandbox.Dir
        [Console]::SetError($err)
        try {
            $global:LASTEXITCODE = 0
            $out = & $script:Flash @splat 2>&1 | Out-String
            $code = $global:LASTEXITCODE
        }
        finally {
            [Console]::SetError($oldErr)
            Pop-Location
            $env:PATH = $saved.PATH
            $env:FAKE_NANOFF_DIR = $saved.DIR
            $env:FAKE_NANOFF_EXIT = $saved.EXIT
        }
        return [pscustomobject]@{ ExitCode = $code; Out = $out; Err = $err.ToString(); Calls = (Read-Calls $Sandbox) }
    }

    # The same in a child pwsh process, as a user's shell would run it.
    function Invoke-FlashProcess {
        param($Sandbox, [string[]]$Arguments)
        $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
        $psi.ArgumentList.Add($script:PwshDll)
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $script:Flash) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.WorkingDirectory = $Sandbox.Dir
        $psi.Environment['PATH'] = Get-TestPath $Sandbox
        $psi.Environment['FAKE_NANOFF_DIR'] = $Sandbox.Dir
        $psi.Environment['FAKE_NANOFF_EXIT'] = '0'
        $p = [Diagnostics.Process]::Start($psi)
        $errTask = $p.StandardError.ReadToEndAsync()
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        return [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $out; Err = $errTask.Result; Calls = (Read-Calls $Sandbox) }
    }

    function Join-Lines([string]$Text) { return ($Text -split "`r?`n" | Where-Object { $_ -ne '' }) }
}

Describe 'flash.ps1' -Skip:$IsWindows {
    BeforeEach {
        $sb = New-Sandbox
    }
    AfterEach {
        Remove-Item -LiteralPath $sb.Dir -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'fresh board runs firmware update, file deployment and app deploy in that order' {
        $r = Invoke-Flash $sb @('-Board', 'esp32-devkitc-relay', '-SerialPort', '/dev/ttyUSB0', '-UpdateFirmware',
            '-Image', $sb.Image, '-WifiSsid', 'Home', '-WifiPassword', 'wifi-secret', '-MqttHost', '192.168.1.10',
            '-MqttPort', '1884', '-MqttUser', 'lamp', '-MqttPassword', 'mqtt-secret', '-Topic', 'lampe', '-WorkDir', $sb.Work)
        $r.Err | Should -BeNullOrEmpty
        $r.ExitCode | Should -Be 0
        $r.Calls.Count | Should -Be 3
        ($r.Calls[0] -join ' ') | Should -BeExactly '--update --target ESP32_REV0 --serialport /dev/ttyUSB0'
        ($r.Calls[1] -join ' ') | Should -BeExactly "--serialport /dev/ttyUSB0 --filedeployment $($sb.Work)/deploy.json"
        ($r.Calls[2] -join ' ') | Should -BeExactly "--target ESP32_REV0 --serialport /dev/ttyUSB0 --deploy --image $($sb.Image)"
    }

    It 'fresh board deploys the board profile and settings copy A and deletes copy B' {
        $r = Invoke-Flash $sb @('-Board', 'sonoff-mini-r4', '-SerialPort', 'COM7', '-UpdateFirmware', '-Image', $sb.Image,
            '-MqttHost', 'broker.lan', '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        $deploy = Get-Content -Raw (Join-Path $sb.Dir 'staged0/deploy.json') | ConvertFrom-Json
        $deploy.SerialPort | Should -BeExactly 'COM7'
        $deploy.Files.Count | Should -Be 3
        $deploy.Files[0].DestinationFilePath | Should -BeExactly 'I:\board.json'
        $deploy.Files[0].SourceFilePath | Should -BeExactly (Join-Path $script:Repo 'hardware/sonoff-mini-r4.json')
        $deploy.Files[1].DestinationFilePath | Should -BeExactly 'I:\settings.a.json'
        $deploy.Files[1].SourceFilePath | Should -BeExactly (Join-Path $sb.Work 'settings.a.json')
        $deploy.Files[2].DestinationFilePath | Should -BeExactly 'I:\settings.b.json'
        @($deploy.Files[2].PSObject.Properties.Name) | Should -Not -Contain 'SourceFilePath'
        Test-Path (Join-Path $sb.Dir 'staged0/settings.a.json') | Should -BeTrue
    }

    It 'app update only runs one deploy command and touches no file on the board' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image)
        $r.ExitCode | Should -Be 0
        $r.Calls.Count | Should -Be 1
        ($r.Calls[0] -join ' ') | Should -BeExactly "--target ESP32_REV0 --serialport COM5 --deploy --image $($sb.Image)"
    }

    It 'firmware update only with -SkipApp updates and redeploys the board profile' {
        $r = Invoke-Flash $sb @('-Board', 'shelly-plus-1', '-SerialPort', 'COM3', '-UpdateFirmware', '-SkipApp', '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        $r.Calls.Count | Should -Be 2
        ($r.Calls[0] -join ' ') | Should -BeExactly '--update --target ESP32_REV0 --serialport COM3'
        ($r.Calls[1] -join ' ') | Should -BeExactly "--serialport COM3 --filedeployment $($sb.Work)/deploy.json"
        $deploy = Get-Content -Raw (Join-Path $sb.Dir 'staged0/deploy.json') | ConvertFrom-Json
        $deploy.Files.Count | Should -Be 1
        $deploy.Files[0].DestinationFilePath | Should -BeExactly 'I:\board.json'
    }

    It 'Target overrides the board profile target' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Target', 'ESP32_PSRAM_REV0', '-UpdateFirmware', '-SkipApp', '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        ($r.Calls[0] -join ' ') | Should -BeExactly '--update --target ESP32_PSRAM_REV0 --serialport COM5'
    }

    It 'WhatIf prints the exact nanoff commands and runs none' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-UpdateFirmware', '-Image', $sb.Image, '-MqttHost', 'broker.lan',
            '-MqttPassword', 'mqtt-secret', '-WorkDir', $sb.Work, '-WhatIf')
        $r.ExitCode | Should -Be 0
        $r.Calls.Count | Should -Be 0
        $lines = @(Join-Lines $r.Out | Where-Object { $_ -like 'nanoff *' })
        $lines.Count | Should -Be 3
        $lines[0] | Should -BeExactly 'nanoff --update --target ESP32_REV0 --serialport COM5'
        $lines[1] | Should -BeExactly "nanoff --serialport COM5 --filedeployment $($sb.Work)/deploy.json"
        $lines[2] | Should -BeExactly "nanoff --target ESP32_REV0 --serialport COM5 --deploy --image $($sb.Image)"
        Test-Path $sb.Work | Should -BeFalse
    }

    It 'WhatIf does not need nanoff on PATH' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image, '-WhatIf') -WithoutNanoff
        $r.ExitCode | Should -Be 0
        (Join-Lines $r.Out) | Should -Contain "nanoff --target ESP32_REV0 --serialport COM5 --deploy --image $($sb.Image)"
    }

    It 'image paths with spaces are quoted in the printed command' {
        $spaced = Join-Path $sb.Dir 'my build/SmartLamp.bin'
        New-Item -ItemType Directory -Path (Split-Path $spaced) | Out-Null
        Copy-Item $sb.Image $spaced
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $spaced)
        $r.ExitCode | Should -Be 0
        $r.Calls[0][6] | Should -BeExactly $spaced
        (Join-Lines $r.Out) | Should -Contain "nanoff --target ESP32_REV0 --serialport COM5 --deploy --image `"$spaced`""
    }

    It 'passwords never appear in the output, the errors or the nanoff command lines' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-UpdateFirmware', '-Image', $sb.Image, '-WifiSsid', 'Home',
            '-WifiPassword', 'wifi-secret-1', '-MqttPassword', 'mqtt-secret-2', '-WorkDir', $sb.Work) -NanoffExit 0
        $r.ExitCode | Should -Be 0
        $r.Out | Should -Not -Match 'secret'
        $r.Err | Should -Not -Match 'secret'
        ($r.Calls | ForEach-Object { $_ -join ' ' }) -join "`n" | Should -Not -Match 'secret'
        Get-Content -Raw (Join-Path $sb.Dir 'staged0/deploy.json') | Should -Not -Match 'secret'
        $w = Invoke-Flash $sb @('-SerialPort', 'COM5', '-UpdateFirmware', '-Image', $sb.Image, '-WifiPassword', 'wifi-secret-1', '-WhatIf')
        $w.Out + $w.Err | Should -Not -Match 'secret'
    }

    It 'staged settings are deleted after the run' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-MqttHost', 'broker.lan', '-MqttPassword', 'pw', '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        Test-Path (Join-Path $sb.Work 'settings.a.json') | Should -BeFalse
        Test-Path (Join-Path $sb.Work 'deploy.json') | Should -BeFalse
    }

    It 'a failing nanoff stops the run with exit code 3 and names the step' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-UpdateFirmware', '-Image', $sb.Image, '-WorkDir', $sb.Work) -NanoffExit 5
        $r.ExitCode | Should -Be 3
        $r.Calls.Count | Should -Be 1
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: nanoff failed with exit code 5 at step 1/3 (nanoFramework firmware ESP32_REV0); the steps after it were not run'
    }

    It 'missing nanoff is an error with the install line' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image) -WithoutNanoff
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: nanoff was not found on PATH. Install it with: dotnet tool install --global nanoff (then open a new terminal so ~/.dotnet/tools is on PATH)'
        $r.Calls.Count | Should -Be 0
    }

    It 'unknown board is an error listing the known boards' {
        $r = Invoke-Flash $sb @('-Board', 'sonoff-basic', '-SerialPort', 'COM5', '-Image', $sb.Image)
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly "flash.ps1: unknown board 'sonoff-basic'; known boards: esp32-devkitc-relay, esp32-relay-x4, shelly-plus-1, sonoff-dual-r3, sonoff-mini-r4 (or the path of a profile .json file)"
        $r.Calls.Count | Should -Be 0
    }

    It 'board name with a path trick is an unknown board' {
        $r = Invoke-Flash $sb @('-Board', '../hardware/sonoff-mini-r4', '-SerialPort', 'COM5', '-Image', $sb.Image)
        $r.ExitCode | Should -Be 2
        $r.Err | Should -Match "unknown board '../hardware/sonoff-mini-r4'"
    }

    It 'missing image is an error naming the path' {
        $missing = Join-Path $sb.Dir 'nope.bin'
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $missing)
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly "flash.ps1: application image not found: $missing (build firmware/SmartLamp/SmartLamp.nfproj in Release first, or pass -Image; -SkipApp deploys no application)"
        $r.Calls.Count | Should -Be 0
    }

    It 'a real pwsh process gets exit code 2 and the message on stderr' {
        $r = Invoke-FlashProcess $sb @('-Board', 'nope', '-SerialPort', 'COM5', '-Image', $sb.Image)
        $r.ExitCode | Should -Be 2
        $r.Out | Should -BeNullOrEmpty
        $r.Err | Should -Match "^flash.ps1: unknown board 'nope'"
    }

    It 'a real pwsh process runs the fake nanoff and exits 0' {
        $r = Invoke-FlashProcess $sb @('-SerialPort', 'COM5', '-Image', $sb.Image)
        $r.ExitCode | Should -Be 0
        ($r.Calls[0] -join ' ') | Should -BeExactly "--target ESP32_REV0 --serialport COM5 --deploy --image $($sb.Image)"
    }

    It 'missing serial port is an error' {
        $r = Invoke-Flash $sb @('-Image', $sb.Image)
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly "flash.ps1: no serial port given: pass -SerialPort (e.g. COM5, /dev/ttyUSB0; 'nanoff --listports' lists them)"
        $r.Calls.Count | Should -Be 0
    }

    It 'out of range MQTT port is an error' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image, '-MqttPort', '70000')
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: -MqttPort must be 1-65535, got 70000'
    }

    It 'topic with MQTT wildcards is an error' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image, '-Topic', 'lamp/#')
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: -Topic must be 1-32 characters without + # / or spaces'
    }

    It 'too long Wi-Fi password is an error that does not print it' {
        $long = 'p' * 65
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-Image', $sb.Image, '-WifiPassword', $long)
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: -WifiPassword is longer than 64 characters'
    }

    It 'ApPassword goes into the settings file and is never printed' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-ApPassword', 'ap-secret-77', '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        Get-Content -Raw (Join-Path $sb.Dir 'staged0/settings.a.json') | Should -Match '"ApPassword":"ap-secret-77"'
        $r.Out + $r.Err | Should -Not -Match 'ap-secret'
        ($r.Calls | ForEach-Object { $_ -join ' ' }) -join "`n" | Should -Not -Match 'ap-secret'
    }

    It 'an ApPassword WPA2 cannot use is an error that does not print it' {
        foreach ($bad in @('short7!', ('q' * 64), "caf$([char]0xE9)-secret")) {
            $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-ApPassword', $bad)
            $r.ExitCode | Should -Be 2
            $r.Err.Trim() | Should -BeExactly 'flash.ps1: -ApPassword must be 8-63 printable ASCII characters (WPA2)'
        }
    }

    It 'SkipApp with nothing else to do is an error' {
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp')
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly 'flash.ps1: nothing to do: -SkipApp without -UpdateFirmware, -DeployBoard or a setting'
    }

    It 'MqttCaCert deploys the PEM to I:\mqtt_ca.pem and MqttTls goes into the settings' {
        $pem = Join-Path $sb.Dir 'ca.pem'
        Set-Content -LiteralPath $pem -Value "-----BEGIN CERTIFICATE-----`nMIIB`n-----END CERTIFICATE-----"
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-MqttHost', 'broker.lan', '-MqttPort', '8883', '-MqttTls',
            '-MqttCaCert', $pem, '-WorkDir', $sb.Work)
        $r.ExitCode | Should -Be 0
        $deploy = Get-Content -Raw (Join-Path $sb.Dir 'staged0/deploy.json') | ConvertFrom-Json
        $deploy.Files[1].DestinationFilePath | Should -BeExactly 'I:\mqtt_ca.pem'
        $deploy.Files[1].SourceFilePath | Should -BeExactly $pem
        Get-Content -Raw (Join-Path $sb.Dir 'staged0/settings.a.json') | Should -Match '"MqttTls":1'
    }

    It 'a CA certificate that is not PEM is an error' {
        $der = Join-Path $sb.Dir 'ca.der'
        [IO.File]::WriteAllBytes($der, [byte[]](0x30, 0x82, 0x01))
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-MqttCaCert', $der)
        $r.ExitCode | Should -Be 2
        $r.Err.Trim() | Should -BeExactly "flash.ps1: CA certificate $der is not a PEM file (no -----BEGIN CERTIFICATE----- line)"
    }

    It 'the settings file is the store format byte for byte with the CRC-32 of what follows the header' {
        $out = Join-Path $sb.Dir 'settings.json'
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-MqttHost', 'broker.lan', '-MqttPort', '1884', '-Topic', 'lampe',
            '-WifiSsid', "Caf$([char]0xE9)", '-MqttTls', '-SettingsOut', $out, '-WhatIf')
        $r.ExitCode | Should -Be 0
        # Expected value computed independently (Python zlib.crc32 over the UTF-8 bytes after the header).
        $expected = '{"Crc32":"B1D2867B","Seq":1,"Version":2,"MqttHost":"broker.lan","MqttPort":1884,"Topic":"lampe","SSId1":"Caf' + [char]0xE9 + '","MqttTls":1}'
        [IO.File]::ReadAllText($out, [Text.Encoding]::UTF8) | Should -BeExactly $expected
        [IO.File]::ReadAllBytes($out)[0] | Should -Be 0x7B
    }

    It 'Get-Help shows the synopsis and a description for every parameter' {
        $help = Get-Help $script:Flash -Full
        $help.Synopsis | Should -BeLike 'Flashes SmartLamp onto an ESP32 board with nanoff*'
        $own = @($help.parameters.parameter | Where-Object { $_.name -notin @('WhatIf', 'Confirm') })
        $own.Count | Should -Be 19
        @($own | Where-Object { [string]::IsNullOrWhiteSpace(($_.description | Out-String)) } | ForEach-Object { $_.name }) | Should -BeNullOrEmpty
    }

    It 'SettingsOut writes the settings file also with WhatIf' {
        $out = Join-Path $sb.Dir 'settings.json'
        $r = Invoke-Flash $sb @('-SerialPort', 'COM5', '-SkipApp', '-MqttHost', 'broker.lan', '-Topic', 'lampe', '-SettingsOut', $out, '-WhatIf')
        $r.ExitCode | Should -Be 0
        $r.Calls.Count | Should -Be 0
        Test-Path $out | Should -BeTrue
        Get-Content -Raw $out | Should -Match 'broker\.lan'
    }
}
